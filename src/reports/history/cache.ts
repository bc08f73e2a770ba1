import type { GroupRow } from '../../core/usage/grouped-totals';
import { type CallTotals, sumTotals } from '../../core/usage/totals';
import { cacheWriteTokensOf, promptTokensOf } from '../../core/pricing/cost';
import { picoToUsdString } from '../../core/pricing/money';
import { formatCost, formatPercent, formatTokens } from '../text/format';
import { type ReportFormat, renderCsv, renderTitledTable } from '../text/grid';
import { byCostDescending } from './report';
import { describeRange } from './report-render';
import { terminalSafeJson } from '../../core/terminal-text';

/** Cache figures of one model (or of all models). */
export interface CacheRow {
  readonly provider: string;
  readonly model: string;
  readonly totals: CallTotals;
}

/** Cache figures of the model groups the ledger summed, most expensive model first. */
export function cacheRows(models: readonly GroupRow[]): CacheRow[] {
  return [...models]
    .sort(byCostDescending)
    .map((row) => ({ provider: row.provider, model: row.key, totals: row.totals }));
}

/** Share of prompt tokens read from a cache, 0..1 (4 decimals), or `null` with no prompt tokens. */
export function cacheHitRate(totals: CallTotals): number | null {
  const prompt = promptTokensOf(totals.usage);
  return prompt === 0
    ? null
    : Math.round((totals.usage.cacheReadTokens / prompt) * 10_000) / 10_000;
}

function json(totals: CallTotals) {
  return {
    inputTokens: totals.usage.inputTokens,
    cacheReadTokens: totals.usage.cacheReadTokens,
    cacheWrite5mTokens: totals.usage.cacheWrite5mTokens,
    cacheWrite1hTokens: totals.usage.cacheWrite1hTokens,
    hitRate: cacheHitRate(totals),
    cacheSavingsUsd: picoToUsdString(totals.cacheSavingsPicoUsd),
  };
}

function cells(totals: CallTotals): string[] {
  const u = totals.usage;
  const prompt = promptTokensOf(u);
  return [
    formatTokens(prompt),
    formatTokens(u.cacheReadTokens),
    formatTokens(cacheWriteTokensOf(u)),
    formatPercent(u.cacheReadTokens, prompt),
    formatCost(totals.cacheSavingsPicoUsd),
  ];
}

/** Renders `chatmeter usage cache` in any format. */
export function renderCacheReport(
  rows: readonly CacheRow[],
  format: ReportFormat,
  context: { readonly from: string | null; readonly to: string | null },
): string {
  const totals = sumTotals(rows.map((row) => row.totals));
  if (format === 'json') {
    const models = rows.map((row) => ({
      provider: row.provider,
      model: row.model,
      ...json(row.totals),
    }));
    return terminalSafeJson(`${JSON.stringify({ from: context.from, to: context.to, models, totals: json(totals) }, null, 2)}\n`);
  }
  if (format === 'csv') {
    return renderCsv(
      [
        'provider',
        'model',
        'input_tokens',
        'cache_read_tokens',
        'cache_write_5m_tokens',
        'cache_write_1h_tokens',
        'hit_rate',
        'cache_savings_usd',
      ],
      rows.map((row) => {
        const j = json(row.totals);
        return [
          row.provider,
          row.model,
          j.inputTokens,
          j.cacheReadTokens,
          j.cacheWrite5mTokens,
          j.cacheWrite1hTokens,
          j.hitRate ?? '',
          j.cacheSavingsUsd,
        ];
      }),
    );
  }
  const range = describeRange(context.from, context.to);
  if (rows.length === 0) return `No usage recorded ${range}.\n`;
  const figures = ['prompt tokens', 'cache read', 'cache write', 'hit rate', 'saved'];
  const grid = {
    headers: ['provider', 'model', ...figures],
    align: ['left' as const, 'left' as const, ...figures.map(() => 'right' as const)],
    rows: rows.map((row) => [row.provider, row.model, ...cells(row.totals)]),
    total: ['total', '', ...cells(totals)],
  };
  const title = `Prompt caching ${range}`;
  const note =
    'Hit rate: share of prompt tokens read from a cache. Saved: what those tokens would have cost uncached, minus what they cost.';
  return renderTitledTable(title, grid, [note], format);
}
