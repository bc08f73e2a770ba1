import type { SessionSummary } from '../core/usage/summary';
import { toCsv } from './csv';
import { exactUsdOrNull } from './format';

const HEADER = [
  'session_id',
  'provider',
  'model',
  'calls_ok',
  'calls_failed',
  'calls_aborted',
  'input_tokens',
  'cache_read_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'output_tokens',
  'reasoning_tokens',
  'cost_usd',
  'priced',
  'estimated',
  'simulated_cost_usd',
  'cache_savings_usd',
] as const;

/**
 * A session summary as CSV: a header, then one row per (provider, model) with raw token counts
 * and exact decimal USD (empty when unpriced). No totals row, so a spreadsheet's sums stay right.
 */
export function renderSessionSummaryCsv(summary: SessionSummary): string {
  const rows = summary.models.map((m) => [
    summary.sessionId,
    m.provider,
    m.model,
    m.calls.ok,
    m.calls.failed,
    m.calls.aborted,
    m.usage.inputTokens,
    m.usage.cacheReadTokens,
    m.usage.cacheWrite5mTokens,
    m.usage.cacheWrite1hTokens,
    m.usage.outputTokens,
    m.usage.reasoningTokens,
    exactUsdOrNull(m.costPicoUsd),
    m.priced,
    m.estimated,
    exactUsdOrNull(m.simulatedCostPicoUsd),
    exactUsdOrNull(m.cacheSavingsPicoUsd),
  ]);
  return toCsv([HEADER, ...rows]);
}
