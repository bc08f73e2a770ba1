import type { DatabaseSync } from 'node:sqlite';
import { type Selection, totalsBy, totalsByTime } from '../core/ledger/queries';
import {
  addTotals,
  type CallTotals,
  callCount,
  EMPTY_TOTALS,
  sumTotals,
} from '../core/ledger/totals';
import { type Calendar, formatDate, isoWeekKey } from './usage-period';

/** Groupings of `chatmeter usage --by`. */
export const REPORT_GROUPS = ['day', 'week', 'month', 'model', 'provider', 'session'] as const;
/** One grouping. */
export type ReportBy = (typeof REPORT_GROUPS)[number];

/** One row of a usage report. */
export interface ReportRow {
  /** Day `YYYY-MM-DD`, ISO week `YYYY-Www`, month `YYYY-MM`, model, provider or session id. */
  readonly key: string;
  /**
   * What tables and Markdown show instead of `key`, when it differs: a mock model's row reads
   * `gpt-5-mini (mock)`. JSON and CSV keep `key`.
   */
  readonly label?: string;
  readonly totals: CallTotals;
  /**
   * The row holds mock calls only (a mock model, or the mock provider): with no simulated cost
   * its cost reads `$0 (mock)` or `$0 (mock, unpriced)`, as in a session summary.
   */
  readonly mock?: 'plain' | 'unpriced';
}

/** A usage report over a date range: rows in display order and their totals. */
export interface UsageReport {
  readonly from: string | null;
  readonly to: string | null;
  readonly by: ReportBy;
  readonly includeMock: boolean;
  readonly rows: readonly ReportRow[];
  /** The sum of `rows`, exactly. */
  readonly totals: CallTotals;
}

function timeKey(by: 'day' | 'week' | 'month', ms: number, calendar: Calendar): string {
  const date = calendar.dateOf(ms);
  if (by === 'day') return formatDate(date);
  if (by === 'week') return isoWeekKey(date);
  return formatDate(date).slice(0, 7);
}

function byTime(
  db: DatabaseSync,
  selection: Selection,
  by: 'day' | 'week' | 'month',
  calendar: Calendar,
): ReportRow[] {
  const groups = new Map<string, CallTotals>();
  for (const bucket of totalsByTime(db, selection)) {
    const key = timeKey(by, bucket.startMs, calendar);
    groups.set(key, addTotals(groups.get(key) ?? EMPTY_TOTALS, bucket.totals));
  }
  return [...groups].map(([key, totals]) => ({ key, totals }));
}

/** Most expensive first (real cost, then mock calls' simulated cost), then most calls, then key. */
export function byCostDescending(a: ReportRow, b: ReportRow): number {
  if (a.totals.costPicoUsd !== b.totals.costPicoUsd) {
    return a.totals.costPicoUsd > b.totals.costPicoUsd ? -1 : 1;
  }
  if (a.totals.simulatedCostPicoUsd !== b.totals.simulatedCostPicoUsd) {
    return a.totals.simulatedCostPicoUsd > b.totals.simulatedCostPicoUsd ? -1 : 1;
  }
  return callCount(b.totals) - callCount(a.totals) || a.key.localeCompare(b.key);
}

const MOCK_PROVIDER = 'mock';

function byColumn(
  db: DatabaseSync,
  selection: Selection,
  by: 'model' | 'provider' | 'session',
): ReportRow[] {
  const rows = totalsBy(db, selection, by);
  const providersOf = new Map<string, Set<string>>();
  for (const row of rows)
    providersOf.set(row.key, (providersOf.get(row.key) ?? new Set()).add(row.provider));
  // A model id under two providers (say mock and openai) keeps them apart as provider/model.
  const key = (row: (typeof rows)[number]) =>
    by === 'model' && (providersOf.get(row.key)?.size ?? 0) > 1
      ? `${row.provider}/${row.key}`
      : row.key;
  // On screen, mock rows always say so, as the one-shot usage line does (`gpt-5-mini (mock)`;
  // the plain mock model is `mock`), and a real row needs provider/ only beside another real one.
  const realProviders = (model: string) =>
    [...(providersOf.get(model) ?? [])].filter((p) => p !== MOCK_PROVIDER).length;
  const label = (row: (typeof rows)[number]): string | undefined => {
    if (by !== 'model') return undefined;
    if (row.provider === MOCK_PROVIDER) return row.key === 'mock' ? 'mock' : `${row.key} (mock)`;
    return realProviders(row.key) > 1 ? `${row.provider}/${row.key}` : row.key;
  };
  const mockOf = (row: (typeof rows)[number]): ReportRow['mock'] => {
    if (row.provider !== MOCK_PROVIDER || by === 'session') return undefined;
    return by === 'model' && row.key !== 'mock' ? 'unpriced' : 'plain';
  };
  return rows
    .map((row) => ({ key: key(row), label: label(row), totals: row.totals, mock: mockOf(row) }))
    .sort(byCostDescending);
}

/** Options of {@link buildUsageReport}. */
export interface ReportRequest {
  readonly selection: Selection;
  readonly from: string | null;
  readonly to: string | null;
  readonly by: ReportBy;
  readonly calendar: Calendar;
}

/**
 * Aggregates the selected calls: SQL sums per group (per 15-minute bucket for time groupings,
 * rolled up into the calendar's days, ISO weeks or months), money exact in BigInt.
 */
export function buildUsageReport(db: DatabaseSync, request: ReportRequest): UsageReport {
  const { selection, by, calendar } = request;
  const rows =
    by === 'day' || by === 'week' || by === 'month'
      ? byTime(db, selection, by, calendar)
      : byColumn(db, selection, by);
  return {
    from: request.from,
    to: request.to,
    by,
    includeMock: selection.includeMock,
    rows,
    totals: sumTotals(rows.map((row) => row.totals)),
  };
}
