import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { BUCKET_MS, ROLLUP_FIGURES } from './rollup-schema';
import type { CallTotals } from './totals';

/** Which calls a report covers: `[fromMs, toMs)` by end time; `null` leaves that side open. */
export interface Selection {
  readonly fromMs: number | null;
  readonly toMs: number | null;
  /** Mock calls are left out unless asked for (DESIGN §6). */
  readonly includeMock: boolean;
}

/** A non-time grouping of calls. */
export type GroupColumn = 'model' | 'provider' | 'session';

/** One group of calls: its key columns and totals. */
export interface GroupRow {
  /** Model id, provider, or session id. */
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

const PICO_SPLIT = 1_000_000_000n;

// Money is summed as two parts, value / 1e9 and value % 1e9, which cannot overflow SQLite's
// 64-bit integers (pico-USD passes 2^63 at 9.2 million USD), and joined exactly in BigInt.
const FROM_CALLS = ROLLUP_FIGURES.map(
  ([name, value]) => `COALESCE(SUM(${value.replaceAll('NEW.', '')}), 0) AS ${name}`,
).join(', ');
const FROM_ROLLUP = ROLLUP_FIGURES.map(([name]) => `COALESCE(SUM(${name}), 0) AS ${name}`).join(
  ', ',
);

type Row = Record<string, unknown>;

function int(row: Row, column: string): number {
  return Number(row[column] as bigint);
}

function money(row: Row, part: string): bigint {
  return (row[`${part}_hi`] as bigint) * PICO_SPLIT + (row[`${part}_lo`] as bigint);
}

/** Reads the figure columns of one aggregate row (read with BigInts). */
function totalsFromRow(row: Row): CallTotals {
  return {
    calls: {
      ok: int(row, 'calls_ok'),
      failed: int(row, 'calls_failed'),
      aborted: int(row, 'calls_aborted'),
    },
    usage: {
      inputTokens: int(row, 'input_tokens'),
      cacheReadTokens: int(row, 'cache_read_tokens'),
      cacheWrite5mTokens: int(row, 'cache_write_5m_tokens'),
      cacheWrite1hTokens: int(row, 'cache_write_1h_tokens'),
      outputTokens: int(row, 'output_tokens'),
      reasoningTokens: int(row, 'reasoning_tokens'),
    },
    costPicoUsd: money(row, 'cost'),
    unpricedCalls: int(row, 'unpriced'),
    estimatedCalls: int(row, 'estimated'),
    cacheSavingsPicoUsd: money(row, 'savings'),
    simulatedCostPicoUsd: money(row, 'simulated'),
  };
}

/**
 * Where the figures come from: the 15-minute rollups when the range falls on bucket edges
 * (local midnights always do), else the calls themselves.
 */
function source(selection: Selection): { rollup: boolean; where: string; params: SQLInputValue[] } {
  const aligned = [selection.fromMs, selection.toMs].every(
    (ms) => ms === null || ms % BUCKET_MS === 0,
  );
  const clauses = [selection.includeMock ? 'mock IN (0, 1)' : 'mock = 0'];
  const params: SQLInputValue[] = [];
  const column = aligned ? 'bucket' : 'ended_at';
  const scale = aligned ? BUCKET_MS : 1;
  if (selection.fromMs !== null) {
    clauses.push(`${column} >= ?`);
    params.push(selection.fromMs / scale);
  }
  if (selection.toMs !== null) {
    clauses.push(`${column} < ?`);
    params.push(selection.toMs / scale);
  }
  return { rollup: aligned, where: clauses.join(' AND '), params };
}

function all(db: DatabaseSync, sql: string, params: SQLInputValue[]): Row[] {
  const statement = db.prepare(sql);
  statement.setReadBigInts(true);
  return statement.all(...params) as Row[];
}

/** Totals of every selected call. */
export function selectionTotals(db: DatabaseSync, selection: Selection): CallTotals {
  const s = source(selection);
  const sql = s.rollup
    ? `SELECT ${FROM_ROLLUP} FROM rollup_time WHERE ${s.where}`
    : `SELECT ${FROM_CALLS} FROM calls WHERE ${s.where}`;
  return totalsFromRow(all(db, sql, s.params)[0]!);
}

/** Selected calls grouped by model (with its provider), provider or session. */
export function totalsBy(db: DatabaseSync, selection: Selection, by: GroupColumn): GroupRow[] {
  const s = source(selection);
  const [keys, group] =
    by === 'model'
      ? ['model AS key, provider', 'provider, model']
      : by === 'provider'
        ? ['provider AS key, provider', 'provider']
        : ["session_id AS key, '' AS provider", 'session_id'];
  const sql =
    s.rollup && by !== 'session'
      ? `SELECT ${keys}, ${FROM_ROLLUP} FROM rollup_model WHERE ${s.where} GROUP BY ${group}`
      : `SELECT ${keys}, ${FROM_CALLS} FROM calls WHERE ${s.where} GROUP BY ${group}`;
  return all(db, sql, s.params).map((row) => ({
    key: String(row.key),
    provider: String(row.provider),
    totals: totalsFromRow(row),
  }));
}

/**
 * Selected calls grouped into 15-minute buckets by end time (ascending). Reports roll them up
 * into local days, weeks and months: every time zone offset in use is a multiple of 15 minutes,
 * so no bucket straddles a local midnight.
 */
export function totalsByTime(db: DatabaseSync, selection: Selection): TimeBucketRow[] {
  const s = source(selection);
  const sql = s.rollup
    ? `SELECT bucket, ${FROM_ROLLUP} FROM rollup_time WHERE ${s.where} GROUP BY bucket ORDER BY bucket`
    : `SELECT ended_at / ${BUCKET_MS} AS bucket, ${FROM_CALLS} FROM calls WHERE ${s.where}
       GROUP BY bucket ORDER BY bucket`;
  return all(db, sql, s.params).map((row) => ({
    startMs: int(row, 'bucket') * BUCKET_MS,
    totals: totalsFromRow(row),
  }));
}
