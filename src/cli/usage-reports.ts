import type { DatabaseSync } from 'node:sqlite';
import {
  type Selection,
  selectionSpan,
  topTotalsBy,
  totalsBy,
  totalsByPeriod,
  totalsByTime,
} from '../core/ledger/queries';
import { sessionsById } from '../core/ledger/sessions';
import { cacheWritePremiumsByModel } from '../core/ledger/cache-writes';
import type { Calendar } from '../core/calendar';
import { type CacheRow, cacheRows } from '../reports/history/cache';
import {
  isTimeGrouping,
  periodStarts,
  type ReportBy,
  type ReportRow,
  rowsOfBuckets,
  rowsOfGroups,
  rowsOfPeriods,
  type TimeGrouping,
  type UsageReport,
  usageReport,
} from '../reports/history/report';
import {
  type SessionsReport,
  sessionsReport as sessionsReportOf,
  topSessionGroups,
} from '../reports/history/sessions';

// The history reports take rows in and return text; the queries that read those rows from the
// ledger are run here, by the command that needs them.

/** What `chatmeter usage` reports on: the selected calls, grouped `by`, over `calendar`. */
export interface ReportRequest {
  readonly selection: Selection;
  readonly from: string | null;
  readonly to: string | null;
  readonly by: ReportBy;
  readonly calendar: Calendar;
}

/**
 * Time groupings are summed per local day, ISO week or month in SQL over the rollups, from the
 * period starts the report works out; a calendar that refuses them gets the 15-minute buckets
 * rolled up in JS.
 */
function timeRows(
  db: DatabaseSync,
  selection: Selection,
  by: TimeGrouping,
  calendar: Calendar,
): ReportRow[] {
  const span = selectionSpan(db, selection);
  if (span === null) return [];
  const starts = periodStarts(by, span, calendar);
  if (starts === null) return rowsOfBuckets(by, totalsByTime(db, selection), calendar);
  return rowsOfPeriods(by, starts, totalsByPeriod(db, selection, starts), calendar);
}

/**
 * The usage report of the selected calls: SQL sums per group; money is summed in SQL in its two
 * exact parts and joined in BigInt once per row.
 */
export function buildUsageReport(db: DatabaseSync, request: ReportRequest): UsageReport {
  const { selection, by, calendar } = request;
  const rows = isTimeGrouping(by)
    ? timeRows(db, selection, by, calendar)
    : rowsOfGroups(by, totalsBy(db, selection, by));
  return usageReport({ ...request, includeMock: selection.includeMock }, rows);
}

/**
 * The sessions with calls in the selection, most expensive first, at most `top` (all when
 * undefined). With `top`, only the top sessions (and those tied with the last) are read.
 */
export function sessionsReport(
  db: DatabaseSync,
  selection: Selection,
  top: number | undefined,
): SessionsReport {
  const groups =
    top === undefined
      ? { rows: totalsBy(db, selection, 'session'), groupCount: null }
      : topTotalsBy(db, selection, 'session', top);
  const chosen = topSessionGroups(groups.rows, top);
  const sessions = sessionsById(
    db,
    chosen.map((group) => group.key),
  );
  return sessionsReportOf(chosen, sessions, groups.groupCount ?? groups.rows.length);
}

/** The selected calls' cache figures by model, most expensive model first. */
export function cacheReport(db: DatabaseSync, selection: Selection): CacheRow[] {
  return cacheRows(totalsBy(db, selection, 'model'), cacheWritePremiumsByModel(db, selection));
}
