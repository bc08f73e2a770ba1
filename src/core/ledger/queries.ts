import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { usageFromColumns } from './bucket-columns';
import { BUCKET_MS, PICO_SPLIT, ROLLUP_FIGURES } from './rollup-schema';
import type { GroupRow, PeriodRow, TimeBucketRow } from '../usage/grouped-totals';
import { type CallTotals, callCount } from '../usage/totals';

/** Which calls a report covers: `[fromMs, toMs)` by end time; `null` leaves that side open. */
export interface Selection {
  readonly fromMs: number | null;
  readonly toMs: number | null;
  /** Mock calls are left out unless asked for (DESIGN §6). */
  readonly includeMock: boolean;
}

/** A non-time grouping of calls. */
export type GroupColumn = 'model' | 'provider' | 'session' | 'tier' | 'tool';

/** The tool of calls made by chatmeter's own chat (their `tool` column is NULL). */
export const CHAT_TOOL = 'chatmeter';

// Money is summed in the two parts of PICO_SPLIT and joined exactly in BigInt.
const FROM_CALLS = ROLLUP_FIGURES.map(
  ([name, value]) => `COALESCE(SUM(${value.replaceAll('NEW.', '')}), 0) AS ${name}`,
).join(', ');
const FROM_ROLLUP = ROLLUP_FIGURES.map(([name]) => `COALESCE(SUM(${name}), 0) AS ${name}`).join(
  ', ',
);

/** One result row as an array: key columns first, then the figures in ROLLUP_FIGURES order. */
type Row = readonly (number | bigint | string | null)[];

const FIGURE = Object.fromEntries(ROLLUP_FIGURES.map(([name], index) => [name, index])) as Record<
  (typeof ROLLUP_FIGURES)[number][0],
  number
>;

/** Reads the figures of one aggregate row that has `keys` key columns before them. */
function totalsFromRow(row: Row, keys: number): CallTotals {
  const int = (name: keyof typeof FIGURE) => Number(row[keys + FIGURE[name]]);
  const money = (part: 'cost' | 'savings' | 'simulated') =>
    BigInt(row[keys + FIGURE[`${part}_hi`]]!) * PICO_SPLIT +
    BigInt(row[keys + FIGURE[`${part}_lo`]]!);
  const simulated = money('simulated');
  return {
    calls: { ok: int('calls_ok'), failed: int('calls_failed'), aborted: int('calls_aborted') },
    usage: usageFromColumns(int),
    costPicoUsd: money('cost'),
    unpricedCalls: int('unpriced'),
    estimatedCalls: int('estimated'),
    cacheSavingsPicoUsd: money('savings'),
    // Only the sum is kept, so a sum of 0 reads as no simulated cost.
    simulatedCostPicoUsd: simulated === 0n ? null : simulated,
  };
}

/** Whether the range falls on 15-minute edges (local midnights always do), so rollups serve it. */
function aligned(selection: Selection): boolean {
  return [selection.fromMs, selection.toMs].every((ms) => ms === null || ms % BUCKET_MS === 0);
}

/** Whether the selection covers all time, so the all-time rollups (no buckets) serve it. */
function allTime(selection: Selection): boolean {
  return selection.fromMs === null && selection.toMs === null;
}

/**
 * The WHERE clause of a selection over the rollups (`bucket`) or the calls (`ended_at`);
 * `mockOnly` keeps the range but takes only mock calls.
 */
export function where(
  selection: Selection,
  rollup: boolean,
  mockOnly = false,
): { sql: string; params: SQLInputValue[] } {
  const clauses = [mockOnly ? 'mock = 1' : selection.includeMock ? 'mock IN (0, 1)' : 'mock = 0'];
  const params: SQLInputValue[] = [];
  const column = rollup ? 'bucket' : 'ended_at';
  const scale = rollup ? BUCKET_MS : 1;
  if (selection.fromMs !== null) {
    clauses.push(`${column} >= ?`);
    params.push(selection.fromMs / scale);
  }
  if (selection.toMs !== null) {
    clauses.push(`${column} < ?`);
    params.push(selection.toMs / scale);
  }
  return { sql: clauses.join(' AND '), params };
}

/**
 * Runs a prepared query returning array rows. Integers are read as numbers (several times faster
 * than BigInts); a sum past 2^53 makes node:sqlite throw ERR_OUT_OF_RANGE, and the query is run
 * again reading BigInts (from then on), so figures stay exact either way.
 */
function rowsOf(statement: StatementSync, params: SQLInputValue[]): Row[] {
  try {
    return statement.all(...params) as unknown as Row[];
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_OUT_OF_RANGE') throw error;
    statement.setReadBigInts(true);
    return statement.all(...params) as unknown as Row[];
  }
}

/** A statement that returns its rows as arrays. */
function prepareArrays(db: DatabaseSync, sql: string): StatementSync {
  const statement = db.prepare(sql);
  statement.setReturnArrays(true);
  return statement;
}

/** Runs a query returning array rows (see {@link rowsOf}). */
function all(db: DatabaseSync, sql: string, params: SQLInputValue[]): Row[] {
  return rowsOf(prepareArrays(db, sql), params);
}

/** Totals of every selected call. */
export function selectionTotals(db: DatabaseSync, selection: Selection): CallTotals {
  const rollup = aligned(selection);
  const w = where(selection, rollup);
  const table = allTime(selection) ? 'rollup_model_total' : rollup ? 'rollup_time' : 'calls';
  const sql = `SELECT ${rollup ? FROM_ROLLUP : FROM_CALLS} FROM ${table} WHERE ${w.sql}`;
  return totalsFromRow(all(db, sql, w.params)[0]!, 0);
}

/**
 * Whether any call is selected: stops at the first one, where {@link selectionTotals} sums them
 * all (a report that only needs to know whether it is empty).
 */
export function hasCalls(db: DatabaseSync, selection: Selection): boolean {
  const rollup = aligned(selection);
  const w = where(selection, rollup);
  const sql = `SELECT EXISTS (SELECT 1 FROM ${rollup ? 'rollup_time' : 'calls'} WHERE ${w.sql})`;
  return Number(all(db, sql, w.params)[0]![0]) === 1;
}

/**
 * How each non-time grouping reads: its key columns (the key, and the provider of a `model`
 * group), the 15-minute rollup that holds them and the all-time one. A new grouping is one
 * entry here.
 */
const GROUPINGS: Record<
  GroupColumn,
  { keys: string; group: string; rollup: string | null; total: string | null }
> = {
  model: {
    keys: 'model AS key, provider',
    group: 'provider, model',
    rollup: 'rollup_model',
    total: 'rollup_model_total',
  },
  provider: {
    keys: 'provider AS key, provider',
    group: 'provider',
    rollup: 'rollup_model',
    total: 'rollup_model_total',
  },
  session: {
    keys: "session_id AS key, '' AS provider",
    group: 'session_id',
    rollup: 'rollup_session',
    total: 'rollup_session_total',
  },
  // Service tiers and tools have no rollup: they are summed from the calls.
  tier: {
    keys: "COALESCE(service_tier, '') AS key, '' AS provider",
    group: "COALESCE(service_tier, '')",
    rollup: null,
    total: null,
  },
  tool: {
    keys: `COALESCE(tool, '${CHAT_TOOL}') AS key, '' AS provider`,
    group: 'key',
    rollup: null,
    total: null,
  },
};

/**
 * The SQL that sums the selected calls per group of `by` (columns: key, provider, figures), and
 * the SQL that only counts those groups (same parameters).
 */
function groupedSql(
  selection: Selection,
  by: GroupColumn,
): { sql: string; countSql: string; params: SQLInputValue[] } {
  const { keys, group, rollup: bucketed, total } = GROUPINGS[by];
  const rollup = bucketed !== null && aligned(selection);
  const table = total !== null && allTime(selection) ? total : rollup ? bucketed : 'calls';
  const w = where(selection, rollup);
  const from = `FROM ${table} WHERE ${w.sql} GROUP BY ${group}`;
  return {
    sql: `SELECT ${keys}, ${rollup ? FROM_ROLLUP : FROM_CALLS} ${from}`,
    countSql: `SELECT COUNT(*) FROM (SELECT ${keys} ${from})`,
    params: w.params,
  };
}

function groupRow(row: Row): GroupRow {
  return { key: String(row[0]), provider: String(row[1]), totals: totalsFromRow(row, 2) };
}

/** Selected calls grouped by model (with its provider), provider, session, service tier or tool. */
export function totalsBy(db: DatabaseSync, selection: Selection, by: GroupColumn): GroupRow[] {
  const { sql, params } = groupedSql(selection, by);
  return all(db, sql, params).map(groupRow);
}

/** The groups of {@link topTotalsBy} and how many groups the selection has in all. */
export interface TopGroups {
  /** The most expensive groups, with every group tied with the last of them (unordered). */
  readonly rows: GroupRow[];
  /** Groups in the selection, shown or not. */
  readonly groupCount: number;
}

/**
 * Ordering by a summed amount of money as an exact pair (major, minor < PICO_SPLIT) of its
 * parts, most first: no 64-bit product that could overflow.
 */
const moneyDescending = (part: 'cost' | 'simulated') =>
  `${part}_hi + ${part}_lo / ${PICO_SPLIT} DESC, ${part}_lo % ${PICO_SPLIT} DESC`;

/**
 * The `limit` most expensive groups of `by` (real cost, then simulated cost, then calls), ranked
 * in SQL so only they are read; groups tied with the last one come too, for the caller's final
 * order. Money is compared exactly.
 */
export function topTotalsBy(
  db: DatabaseSync,
  selection: Selection,
  by: GroupColumn,
  limit: number,
): TopGroups {
  const grouped = groupedSql(selection, by);
  const order = `${moneyDescending('cost')}, ${moneyDescending('simulated')},
    calls_ok + calls_failed + calls_aborted DESC`;
  // The first `limit` groups and the one after them, sorted by a bounded sort; when that one
  // ties with the last shown, the ties are read by rank. Ranking sorted every group, a third
  // of `usage sessions` over 10,000 sessions.
  if (limit > 0) {
    const first = all(db, `SELECT * FROM (${grouped.sql}) ORDER BY ${order} LIMIT ?`, [
      ...grouped.params,
      limit + 1,
    ]).map(groupRow);
    const next = first[limit];
    if (next === undefined) return { rows: first, groupCount: first.length };
    if (!sameRank(first[limit - 1]!.totals, next.totals)) {
      const groupCount = Number(all(db, grouped.countSql, grouped.params)[0]![0]);
      return { rows: first.slice(0, limit), groupCount };
    }
  }
  const sql = `SELECT * FROM (SELECT *, RANK() OVER (ORDER BY ${order}) AS rank,
      COUNT(*) OVER () AS groups FROM (${grouped.sql})) WHERE rank <= ?`;
  const rows = all(db, sql, [...grouped.params, limit]);
  return {
    rows: rows.map(groupRow),
    groupCount: rows.length === 0 ? 0 : Number(rows[0]!.at(-1)),
  };
}

/** Whether two groups share a rank of {@link topTotalsBy}: the same cost, simulated cost and calls. */
function sameRank(a: CallTotals, b: CallTotals): boolean {
  return (
    a.costPicoUsd === b.costPicoUsd &&
    (a.simulatedCostPicoUsd ?? 0n) === (b.simulatedCostPicoUsd ?? 0n) &&
    callCount(a) === callCount(b)
  );
}

/**
 * Selected calls grouped into 15-minute buckets by end time (ascending). Reports roll them up
 * into local days, weeks and months: every time zone offset in use is a multiple of 15 minutes,
 * so no bucket straddles a local midnight.
 */
export function totalsByTime(db: DatabaseSync, selection: Selection): TimeBucketRow[] {
  const rollup = aligned(selection);
  const w = where(selection, rollup);
  const sql = rollup
    ? `SELECT bucket, ${FROM_ROLLUP} FROM rollup_time WHERE ${w.sql} GROUP BY bucket ORDER BY bucket`
    : `SELECT ended_at / ${BUCKET_MS} AS bucket, ${FROM_CALLS} FROM calls WHERE ${w.sql}
       GROUP BY bucket ORDER BY bucket`;
  return all(db, sql, w.params).map((row) => ({
    startMs: Number(row[0]) * BUCKET_MS,
    totals: totalsFromRow(row, 1),
  }));
}

/** The first and last end time of the selected calls, to the 15-minute bucket; null when none. */
export function selectionSpan(
  db: DatabaseSync,
  selection: Selection,
): { readonly firstMs: number; readonly lastMs: number } | null {
  const rollup = aligned(selection);
  const w = where(selection, rollup);
  // Two subqueries: MIN and MAX in one SELECT make SQLite scan every row; alone, each is one
  // step down the index.
  const [table, column] = rollup ? ['rollup_time', `bucket * ${BUCKET_MS}`] : ['calls', 'ended_at'];
  const sql = `SELECT (SELECT MIN(${column}) FROM ${table} WHERE ${w.sql}),
    (SELECT MAX(${column}) FROM ${table} WHERE ${w.sql})`;
  const [first, last] = all(db, sql, [...w.params, ...w.params])[0]!;
  return first === null || last === null ? null : { firstMs: Number(first), lastMs: Number(last) };
}

/**
 * Selected calls summed per period, in SQL: period `i` is `[startsMs[i], startsMs[i + 1])`, so
 * the last start only closes the period before it. Only periods with calls come back, in order.
 * Over the rollups every start must fall on a 15-minute edge (local midnights do).
 */
export function totalsByPeriod(
  db: DatabaseSync,
  selection: Selection,
  startsMs: readonly number[],
): PeriodRow[] {
  const rollup = aligned(selection) && startsMs.every((ms) => ms % BUCKET_MS === 0);
  const w = where(selection, rollup);
  const column = rollup ? 'bucket' : 'ended_at';
  const scale = rollup ? BUCKET_MS : 1;
  // One indexed range per period: joining all the periods in one query sorted every row for
  // its GROUP BY, twice the time of these 366 small sums over a year of days.
  const statement = prepareArrays(
    db,
    `SELECT ${rollup ? FROM_ROLLUP : FROM_CALLS} FROM ${rollup ? 'rollup_time' : 'calls'}
     WHERE ${w.sql} AND ${column} >= ? AND ${column} < ?`,
  );
  const periods: PeriodRow[] = [];
  for (let index = 0; index + 1 < startsMs.length; index++) {
    const range = [startsMs[index]! / scale, startsMs[index + 1]! / scale];
    const totals = totalsFromRow(rowsOf(statement, [...w.params, ...range])[0]!, 0);
    // Every rollup row and every call counts one call: a period without calls has no rows.
    if (callCount(totals) > 0) periods.push({ index, totals });
  }
  return periods;
}

/** How many mock calls end in the selection's range, whether or not it includes mock calls. */
export function mockCallCount(db: DatabaseSync, selection: Selection): number {
  const rollup = aligned(selection);
  const w = where(selection, rollup, true);
  const table = allTime(selection) ? 'rollup_model_total' : 'rollup_time';
  const sql = rollup
    ? `SELECT SUM(calls_ok + calls_failed + calls_aborted) FROM ${table} WHERE ${w.sql}`
    : `SELECT COUNT(*) FROM calls WHERE ${w.sql}`;
  return Number(all(db, sql, w.params)[0]![0] ?? 0);
}
