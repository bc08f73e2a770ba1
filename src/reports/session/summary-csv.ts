import type { SessionSummary } from '../../core/usage/summary';
import { CALLS_AND_USAGE_CSV_HEADERS, callsAndUsageCsvFields, toCsv } from '../text/csv';
import { exactUsdOrNull } from '../text/format';

const HEADER = [
  'session_id',
  'provider',
  'model',
  ...CALLS_AND_USAGE_CSV_HEADERS,
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
    ...callsAndUsageCsvFields(m.calls, m.usage),
    exactUsdOrNull(m.costPicoUsd),
    m.priced,
    m.estimated,
    exactUsdOrNull(m.simulatedCostPicoUsd),
    exactUsdOrNull(m.cacheSavingsPicoUsd),
  ]);
  return toCsv([HEADER, ...rows]);
}
