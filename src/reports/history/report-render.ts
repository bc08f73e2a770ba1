import { type CallTotals, nothingPriced } from '../../core/usage/totals';
import { cacheWriteTokensOf } from '../../core/pricing/cost';
import { picoToUsdString } from '../../core/pricing/money';
import { CALLS_AND_USAGE_CSV_HEADERS, callsAndUsageCsvFields } from '../text/csv';
import { countOf, formatCost, formatCount, formatTokens } from '../text/format';
import { type SimulatedCostJson, totalsJson } from '../totals-json';
import { type Grid, type ReportFormat, renderCsv, renderTitledTable } from '../text/grid';
import type { UsageReport } from './report';
import { terminalSafeJson } from '../../core/terminal-text';

/**
 * How the history reports write a simulated cost in JSON: with mock calls included, `"0"` when
 * none was simulated at a price, as they always have.
 */
export function simulatedCostJson(includeMock: boolean): SimulatedCostJson {
  return includeMock ? 'zero-when-none' : 'omit';
}

/** The report as the JSON object of DESIGN §6 (`simulatedCostUsd` added with mock calls). */
export function usageReportJson(report: UsageReport) {
  const simulated = simulatedCostJson(report.includeMock);
  return {
    from: report.from,
    to: report.to,
    by: report.by,
    rows: report.rows.map((row) => ({
      key: row.key,
      ...totalsJson(row.totals, simulated),
    })),
    totals: totalsJson(report.totals, simulated),
    cacheSavingsUsd: picoToUsdString(report.totals.cacheSavingsPicoUsd),
  };
}

/** `3`, or `3 ok, 1 failed, 2 aborted` when any call did not end well (zero parts left out). */
export function formatCalls(calls: CallTotals['calls']): string {
  if (calls.failed === 0 && calls.aborted === 0) return formatCount(calls.ok);
  const parts = [`${formatCount(calls.ok)} ok`];
  if (calls.failed > 0) parts.push(`${formatCount(calls.failed)} failed`);
  if (calls.aborted > 0) parts.push(`${formatCount(calls.aborted)} aborted`);
  return parts.join(', ');
}

/**
 * The cost cell of aggregated totals: `unpriced` when no call had a price, `≥$x` when some had
 * none, `~` when any call was estimated, `sim $x` for mock calls that only have a simulated cost.
 */
export function totalsCostCell(totals: CallTotals): string {
  const estimated = totals.estimatedCalls > 0;
  const simulated = totals.simulatedCostPicoUsd;
  if (totals.costPicoUsd === 0n && simulated !== null && simulated > 0n) {
    return `sim ${formatCost(simulated, { estimated })}`;
  }
  if (nothingPriced(totals)) return formatCost(null);
  return formatCost(totals.costPicoUsd, { estimated, partial: totals.unpricedCalls > 0 });
}

/** Display cells of totals: calls, input, cache read, cache write, output (reasoning), cost. */
export function totalsCells(totals: CallTotals): string[] {
  const u = totals.usage;
  const reasoning = u.reasoningTokens > 0 ? ` (${formatTokens(u.reasoningTokens)})` : '';
  return [
    formatCalls(totals.calls),
    formatTokens(u.inputTokens),
    formatTokens(u.cacheReadTokens),
    formatTokens(cacheWriteTokensOf(u)),
    formatTokens(u.outputTokens) + reasoning,
    totalsCostCell(totals),
  ];
}

/** Headers of the figure columns every usage table ends with (calls ... cost). */
export const FIGURE_HEADERS = [
  'calls',
  'uncached',
  'cache read',
  'cache write',
  'output (reasoning)',
  'cost',
];

function reportGrid(report: UsageReport): Grid {
  return {
    headers: [report.by, ...FIGURE_HEADERS],
    align: ['left', ...FIGURE_HEADERS.map(() => 'right' as const)],
    rows: report.rows.map((row) => {
      const cells = [row.label ?? row.key, ...totalsCells(row.totals)];
      // A mock row without a simulated cost reads as the session summary writes it.
      if (row.mock !== undefined && (row.totals.simulatedCostPicoUsd ?? 0n) === 0n) {
        cells[cells.length - 1] = row.mock === 'plain' ? '$0 (mock)' : '$0 (mock, unpriced)';
      }
      return cells;
    }),
    total: ['total', ...totalsCells(report.totals)],
  };
}

/** `2026-11-01 to 2026-11-30`, `since 2026-11-01`, `all time`. */
export function describeRange(from: string | null, to: string | null): string {
  if (from && to) return from === to ? `on ${from}` : `from ${from} to ${to}`;
  if (from) return `since ${from}`;
  if (to) return `until ${to}`;
  return 'all time';
}

/** Lines under a table: cache savings (when anything was read from a cache), unpriced and estimated calls, mock figures. */
export function reportNotes(totals: CallTotals, includeMock: boolean): string[] {
  const notes: string[] = [];
  if (totals.usage.cacheReadTokens > 0 || totals.cacheSavingsPicoUsd > 0n) {
    notes.push(`Cache saved ${formatCost(totals.cacheSavingsPicoUsd)}.`);
  }
  if (totals.unpricedCalls > 0) {
    notes.push(
      `${countOf(totals.unpricedCalls, 'call')} without a price ${totals.unpricedCalls === 1 ? 'is' : 'are'} not in the cost; add prices with --pricing FILE or the config key "pricing".`,
    );
  }
  if (totals.estimatedCalls > 0) {
    notes.push(`~ ${countOf(totals.estimatedCalls, 'call')} counted with a tokenizer (estimated).`);
  }
  const simulated = totals.simulatedCostPicoUsd;
  if (includeMock && simulated !== null && simulated > 0n) {
    notes.push(
      `Mock calls cost nothing; at real prices they would have cost ${formatCost(simulated)}.`,
    );
  }
  return notes;
}

/** Header names of {@link totalsCsvFields}, in order. */
export const TOTALS_CSV_HEADERS: readonly string[] = [
  ...CALLS_AND_USAGE_CSV_HEADERS,
  'cost_usd',
  'unpriced_calls',
  'estimated_calls',
  'cache_savings_usd',
];

/**
 * Exact CSV fields of totals, in {@link TOTALS_CSV_HEADERS} order; `cost_usd` is an empty cell
 * when no call had a price (unpriced is never $0), as `costUsd` is null in JSON.
 */
export function totalsCsvFields(totals: CallTotals): (string | number | null)[] {
  return [
    ...callsAndUsageCsvFields(totals.calls, totals.usage),
    nothingPriced(totals) ? null : picoToUsdString(totals.costPicoUsd),
    totals.unpricedCalls,
    totals.estimatedCalls,
    picoToUsdString(totals.cacheSavingsPicoUsd),
  ];
}

/**
 * Renders a usage report. JSON and CSV always have their full shape (CSV: a header and one line
 * per row, no total line); table and Markdown say plainly when nothing was recorded.
 */
export function renderUsageReport(report: UsageReport, format: ReportFormat): string {
  if (format === 'json') return terminalSafeJson(`${JSON.stringify(usageReportJson(report), null, 2)}\n`);
  if (format === 'csv') {
    return renderCsv(
      [report.by, ...TOTALS_CSV_HEADERS],
      report.rows.map((row) => [row.key, ...totalsCsvFields(row.totals)]),
    );
  }
  const range = describeRange(report.from, report.to);
  const mock = report.includeMock ? ' (mock calls included)' : '';
  if (report.rows.length === 0) return `No usage recorded ${range}${mock}.\n`;
  const title = `Usage ${range} by ${report.by}${mock}`;
  const notes = reportNotes(report.totals, report.includeMock);
  return renderTitledTable(title, reportGrid(report), notes, format);
}
