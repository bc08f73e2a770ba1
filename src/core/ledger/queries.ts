import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { BUCKET_MS, PICO_SPLIT, ROLLUP_FIGURES } from './rollup-schema';
import type { CallTotals } from './totals';

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

/** One group of calls: its key columns and totals. */
export interface GroupRow {
  /** Model id, provider, session id, service tier (`''` when none was reported), or tool. */
  readonly key: string;
  /** The provider of a `model` group (models group by provider and model). */
  readonly provider: string;
  readonly totals: CallTotals;
}

/** One time bucket of calls. */
export interface TimeBucketRow {
  /** Start of the bucket, epoch milliseconds (a multiple of {@link BUCKET_MS}). */
  readonly startMs: number;
  readonly totals: CallTotals;
}

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
  return {
    calls: { ok: int('calls_ok'), failed: int('calls_failed'), aborted: int('calls_aborted') },
    usage: {
      inputTokens: int('input_tokens'),
      cacheReadTokens: int('cache_read_tokens'),
      cacheWrite5mTokens: int('cache_write_5m_tokens'),
      cacheWrite1hTokens: int('cache_write_1h_tokens'),
      outputTokens: int('output_tokens'),
      reasoningTokens: int('reasoning_tokens'),
    },
    costPicoUsd: money('cost'),
    unpricedCalls: int('unpriced'),
    estimatedCalls: int('estimated'),
    cacheSavingsPicoUsd: money('savings'),
    simulatedCostPicoUsd: money('simulated'),
  };
}

/** Whether the range falls on 15-minute edges (local midnights always do), so rollups serve it. */
function aligned(selection: Selection): boolean {
  return [selection.fromMs, selection.toMs].every((ms) => ms === null || ms % BUCKET_MS === 0);
}

/** The WHERE clause of a selection over the rollups (`bucket`) or the calls (`ended_at`). */
function where(selection: Selection, rollup: boolean): { sql: string; params: SQLInputValue[] } {
  const clauses = [selection.includeMock ? 'mock IN (0, 1)' : 'mock = 0'];
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
 * Runs a query returning array rows. Integers are read as numbers (several times faster than
 * BigInts); a sum past 2^53 makes node:sqlite throw ERR_OUT_OF_RANGE, and the query is run again
 * reading BigInts, so figures stay exact either way.
 */
function all(db: DatabaseSync, sql: string, params: SQLInputValue[]): Row[] {
  const statement = db.prepare(sql);
  statement.setReturnArrays(true);
  try {
    return statement.all(...params) as unknown as Row[];
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_OUT_OF_RANGE') throw error;
    statement.setReadBigInts(true);
    return statement.all(...params) as unknown as Row[];
  }
}

/** Totals of every selected call. */
export function selectionTotals(db: DatabaseSync, selection: Selection): CallTotals {
  const rollup = aligned(selection);
  const w = where(selection, rollup);
  const sql = `SELECT ${rollup ? FROM_ROLLUP : FROM_CALLS} FROM ${rollup ? 'rollup_time' : 'calls'} WHERE ${w.sql}`;
  return totalsFromRow(all(db, sql, w.params)[0]!, 0);
}

/**
 * Selected calls grouped by model (with its provider), provider, session, service tier or
 * tool. Tiers and tools have no rollup: they are summed from the calls.
 */
export function totalsBy(db: DatabaseSync, selection: Selection, by: GroupColumn): GroupRow[] {
  const rollup = by !== 'tier' && by !== 'tool' && aligned(selection);
  const w = where(selection, rollup);
  const [keys, group] =
    by === 'model'
      ? ['model AS key, provider', 'provider, model']
      : by === 'provider'
        ? ['provider AS key, provider', 'provider']
        : by === 'tier'
          ? ["COALESCE(service_tier, '') AS key, '' AS provider", "COALESCE(service_tier, '')"]
          : by === 'tool'
            ? [`COALESCE(tool, '${CHAT_TOOL}') AS key, '' AS provider`, 'key']
          : ["session_id AS key, '' AS provider", 'session_id'];
  const sql = rollup
    ? `SELECT ${keys}, ${FROM_ROLLUP} FROM ${by === 'session' ? 'rollup_session' : 'rollup_model'}
       WHERE ${w.sql} GROUP BY ${group}`
    : `SELECT ${keys}, ${FROM_CALLS} FROM calls WHERE ${w.sql} GROUP BY ${group}`;
  return all(db, sql, w.params).map((row) => ({
    key: String(row[0]),
    provider: String(row[1]),
    totals: totalsFromRow(row, 2),
  }));
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
