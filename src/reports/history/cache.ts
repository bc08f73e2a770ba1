import type { CacheWritePremium, GroupRow } from '../../core/usage/grouped-totals';
import { type CallTotals, sumTotals } from '../../core/usage/totals';
import { cacheWriteTokensOf, promptTokensOf } from '../../core/pricing/cost';
import { picoToUsdString } from '../../core/pricing/money';
import {
  cacheWriteSentence,
  countOf,
  formatCost,
  formatPercent,
  formatTokens,
} from '../text/format';
import { type ReportFormat, renderCsv, renderTitledTable } from '../text/grid';
import { byCostDescending } from './report';
import { describeRange } from './report-render';
import { terminalSafeJson } from '../../core/terminal-text';

/** Cache figures of one model (or of all models). */
export interface CacheRow {
  readonly provider: string;
  readonly model: string;
  readonly totals: CallTotals;
  /** What its cache writes cost over the uncached input rate, pico-USD (where known). */
  readonly cacheWritePremiumPicoUsd: bigint;
  /** Calls that wrote to a cache before the ledger kept their premium (left out of it). */
  readonly unknownPremiumCalls: number;
}

/**
 * Cache figures of the model groups the ledger summed, with their cache-write premiums, most
 * expensive model first.
 */
export function cacheRows(
  models: readonly GroupRow[],
  premiums: readonly CacheWritePremium[],
): CacheRow[] {
  const byModel = new Map(premiums.map((p) => [`${p.provider}\n${p.model}`, p]));
  return [...models].sort(byCostDescending).map((row) => {
    const premium = byModel.get(`${row.provider}\n${row.key}`);
    return {
      provider: row.provider,
      model: row.key,
      totals: row.totals,
      cacheWritePremiumPicoUsd: premium?.premiumPicoUsd ?? 0n,
      unknownPremiumCalls: premium?.unknownCalls ?? 0,
    };
  });
}

/** The figures of all rows together. */
function sumRows(rows: readonly CacheRow[]) {
  return {
    totals: sumTotals(rows.map((row) => row.totals)),
    cacheWritePremiumPicoUsd: rows.reduce((sum, row) => sum + row.cacheWritePremiumPicoUsd, 0n),
    unknownPremiumCalls: rows.reduce((sum, row) => sum + row.unknownPremiumCalls, 0),
  };
}

/** Figures of one row, or of the total. */
type CacheFigures = Omit<CacheRow, 'provider' | 'model'>;

/** Share of prompt tokens read from a cache, 0..1 (4 decimals), or `null` with no prompt tokens. */
function cacheHitRate(totals: CallTotals): number | null {
  const prompt = promptTokensOf(totals.usage);
  return prompt === 0
    ? null
    : Math.round((totals.usage.cacheReadTokens / prompt) * 10_000) / 10_000;
}

function json(figures: CacheFigures) {
  const { totals, cacheWritePremiumPicoUsd } = figures;
  return {
    inputTokens: totals.usage.inputTokens,
    cacheReadTokens: totals.usage.cacheReadTokens,
    cacheWrite5mTokens: totals.usage.cacheWrite5mTokens,
    cacheWrite1hTokens: totals.usage.cacheWrite1hTokens,
    hitRate: cacheHitRate(totals),
    cacheSavingsUsd: picoToUsdString(totals.cacheSavingsPicoUsd),
    cacheWritePremiumUsd: picoToUsdString(cacheWritePremiumPicoUsd),
    netCacheSavingsUsd: picoToUsdString(netOf(figures)),
  };
}

function cells({ totals }: CacheFigures): string[] {
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

/** Savings less the write premium: the difference from not caching. */
function netOf(figures: CacheFigures): bigint {
  return figures.totals.cacheSavingsPicoUsd - figures.cacheWritePremiumPicoUsd;
}

/** The exact totals of saved, writes and net, and what was left out of the premium. */
function writesNote(totals: CacheFigures): string {
  const saved = picoToUsdString(totals.totals.cacheSavingsPicoUsd);
  const sentence = cacheWriteSentence(totals.totals.cacheSavingsPicoUsd, totals.cacheWritePremiumPicoUsd);
  const unknown =
    totals.unknownPremiumCalls === 0
      ? ''
      : ` (${countOf(totals.unknownPremiumCalls, 'call')} recorded before chatmeter kept this figure left out)`;
  return `Writes cost: what cache writes cost over the input rate. Saved $${saved}; ${sentence}${unknown}.`;
}

/** Renders `chatmeter usage cache` in any format. */
export function renderCacheReport(
  rows: readonly CacheRow[],
  format: ReportFormat,
  context: { readonly from: string | null; readonly to: string | null },
): string {
  const totals = sumRows(rows);
  if (format === 'json') {
    const models = rows.map((row) => ({
      provider: row.provider,
      model: row.model,
      ...json(row),
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
        'cache_write_premium_usd',
        'net_cache_savings_usd',
      ],
      rows.map((row) => {
        const j = json(row);
        return [
          row.provider,
          row.model,
          j.inputTokens,
          j.cacheReadTokens,
          j.cacheWrite5mTokens,
          j.cacheWrite1hTokens,
          j.hitRate ?? '',
          j.cacheSavingsUsd,
          j.cacheWritePremiumUsd,
          j.netCacheSavingsUsd,
        ];
      }),
    );
  }
  const range = describeRange(context.from, context.to);
  if (rows.length === 0) return `No usage recorded ${range}.\n`;
  const writes = rows.some((row) => row.cacheWritePremiumPicoUsd !== 0n);
  const figures = ['prompt tokens', 'cache read', 'cache write', 'hit rate', 'saved'];
  const withWrites = (row: CacheFigures) =>
    writes
      ? [...cells(row), formatCost(row.cacheWritePremiumPicoUsd), formatCost(netOf(row))]
      : cells(row);
  const headers = [...figures, ...(writes ? ['writes cost', 'net'] : [])];
  const grid = {
    headers: ['provider', 'model', ...headers],
    align: ['left' as const, 'left' as const, ...headers.map(() => 'right' as const)],
    rows: rows.map((row) => [row.provider, row.model, ...withWrites(row)]),
    total: ['total', '', ...withWrites(totals)],
  };
  const title = `Prompt caching ${range}`;
  const notes = [
    'Hit rate: share of prompt tokens read from a cache. Saved: what those tokens would have cost uncached, minus what they cost.',
    ...(writes ? [writesNote(totals)] : []),
  ];
  return renderTitledTable(title, grid, notes, format);
}
