import { QUARTER_HOUR_MS } from '../../core/calendar';
import type { GroupRow, PeriodRow, TimeBucketRow } from '../../core/usage/grouped-totals';
import { PLAIN_MOCK_MODEL } from '../../core/usage/types';
import {
  addTotals,
  type CallTotals,
  callCount,
  EMPTY_TOTALS,
  sumTotals,
} from '../../core/usage/totals';
import {
  addDays,
  type Calendar,
  type CalendarDate,
  formatDate,
  isoWeekKey,
  weekStart,
} from './period';

/** Groupings of `chatmeter usage --by`. */
export const REPORT_GROUPS = [
  'day',
  'week',
  'month',
  'model',
  'provider',
  'session',
  'tier',
  'tool',
] as const;
/** One grouping. */
export type ReportBy = (typeof REPORT_GROUPS)[number];

/** One row of a usage report. */
export interface ReportRow {
  /**
   * Day `YYYY-MM-DD`, ISO week `YYYY-Www`, month `YYYY-MM`, model, provider, session id, service
   * tier (`not reported` for calls without one) or the calling tool.
   */
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

/** A grouping by local days, ISO weeks or months. */
export type TimeGrouping = 'day' | 'week' | 'month';

/** The groupings that are not by time. */
export type ColumnGrouping = Exclude<ReportBy, TimeGrouping>;

/** True for a grouping by local days, ISO weeks or months. */
export function isTimeGrouping(by: ReportBy): by is TimeGrouping {
  return by === 'day' || by === 'week' || by === 'month';
}

function timeKey(by: TimeGrouping, ms: number, calendar: Calendar): string {
  const date = calendar.dateOf(ms);
  if (by === 'day') return formatDate(date);
  if (by === 'week') return isoWeekKey(date);
  return formatDate(date).slice(0, 7);
}

/** The first day of the period (day, ISO week or month) a date is in. */
function periodStart(by: TimeGrouping, date: CalendarDate): CalendarDate {
  if (by === 'day') return date;
  if (by === 'week') return weekStart(date);
  return { ...date, day: 1 };
}

/** The first day of the next period. */
function nextPeriod(by: TimeGrouping, date: CalendarDate): CalendarDate {
  if (by === 'month') return { year: date.year + Math.floor(date.month / 12), month: (date.month % 12) + 1, day: 1 };
  return addDays(date, by === 'week' ? 7 : 1);
}

/** How far after a period's start its key is checked, 15 minutes at a time (covers DST shifts). */
const CHECK_STEPS = 12;

/**
 * The starts of the periods from the one holding `firstMs` to the one holding `lastMs`, then the
 * start of the next, as instants, for the ledger to sum the calls of each period. Null when the
 * calendar is not monotonic around a start (a zone whose clock falls back across midnight, or
 * skips a whole day): then some instants after a period's start still belong to the period
 * before, and only the bucket-by-bucket roll-up keys them as the calendar does.
 */
export function periodStarts(
  by: TimeGrouping,
  span: { firstMs: number; lastMs: number },
  calendar: Calendar,
): number[] | null {
  const starts: number[] = [];
  let date = periodStart(by, calendar.dateOf(span.firstMs));
  for (;;) {
    const ms = calendar.startOf(date);
    const key = timeKey(by, ms, calendar);
    if (starts.length > 0 && ms <= starts.at(-1)!) return null;
    if (timeKey(by, ms - 1, calendar) === key) return null;
    for (let step = 1; step <= CHECK_STEPS; step++) {
      if (timeKey(by, ms + step * QUARTER_HOUR_MS, calendar) !== key) return null;
    }
    starts.push(ms);
    if (ms > span.lastMs) return starts;
    date = nextPeriod(by, date);
  }
}

/**
 * Report rows of periods the ledger summed, period `index` starting at `startsMs[index]` (the
 * starts {@link periodStarts} gave).
 */
export function rowsOfPeriods(
  by: TimeGrouping,
  startsMs: readonly number[],
  periods: readonly PeriodRow[],
  calendar: Calendar,
): ReportRow[] {
  return periods.map(({ index, totals }) => ({
    key: timeKey(by, startsMs[index]!, calendar),
    totals,
  }));
}

/**
 * Report rows of 15-minute buckets rolled up in JS into periods: for calendars
 * {@link periodStarts} refuses.
 */
export function rowsOfBuckets(
  by: TimeGrouping,
  buckets: readonly TimeBucketRow[],
  calendar: Calendar,
): ReportRow[] {
  const groups = new Map<string, CallTotals>();
  for (const bucket of buckets) {
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
  const simulatedA = a.totals.simulatedCostPicoUsd ?? 0n;
  const simulatedB = b.totals.simulatedCostPicoUsd ?? 0n;
  if (simulatedA !== simulatedB) return simulatedA > simulatedB ? -1 : 1;
  return callCount(b.totals) - callCount(a.totals) || a.key.localeCompare(b.key);
}

const MOCK_PROVIDER = 'mock';

/** Report rows of the groups the ledger summed for a grouping not by time, most expensive first. */
export function rowsOfGroups(by: ColumnGrouping, rows: readonly GroupRow[]): ReportRow[] {
  const providersOf = new Map<string, Set<string>>();
  for (const row of rows)
    providersOf.set(row.key, (providersOf.get(row.key) ?? new Set()).add(row.provider));
  // A model id under two providers (say mock and openai) keeps them apart as provider/model.
  const key = (row: (typeof rows)[number]) =>
    by === 'model' && (providersOf.get(row.key)?.size ?? 0) > 1
      ? `${row.provider}/${row.key}`
      : by === 'tier' && row.key === ''
        ? NO_TIER
        : row.key;
  // On screen, mock rows always say so, as the one-shot usage line does (`gpt-5-mini (mock)`;
  // the plain mock model is `mock`), and a real row needs provider/ only beside another real one.
  const realProviders = (model: string) =>
    [...(providersOf.get(model) ?? [])].filter((p) => p !== MOCK_PROVIDER).length;
  const label = (row: (typeof rows)[number]): string | undefined => {
    if (by !== 'model') return undefined;
    if (row.provider === MOCK_PROVIDER) return row.key === PLAIN_MOCK_MODEL ? row.key : `${row.key} (mock)`;
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

/** The `--by tier` row of calls whose provider named no service tier. */
export const NO_TIER = 'not reported';

/** What a usage report covers. */
export interface ReportScope {
  readonly from: string | null;
  readonly to: string | null;
  readonly by: ReportBy;
  readonly includeMock: boolean;
}

/** A usage report of rows in display order (from the `rowsOf...` functions), with their sum. */
export function usageReport(scope: ReportScope, rows: readonly ReportRow[]): UsageReport {
  return {
    from: scope.from,
    to: scope.to,
    by: scope.by,
    includeMock: scope.includeMock,
    rows,
    totals: sumTotals(rows.map((row) => row.totals)),
  };
}
