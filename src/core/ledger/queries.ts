import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
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
  /** Start of the bucket, epoch milliseconds (a multiple of the bucket size). */
  readonly startMs: number;
  readonly totals: CallTotals;
}

const PICO_SPLIT = 1_000_000_000n;

// SQLite sums 64-bit integers and fails past 2^63 (9.2 million USD in pico-USD). Each money column
// is summed as two parts, value / 1e9 and value % 1e9, which cannot overflow, and joined exactly
// in BigInt.
function moneySum(column: string, alias: string): string {
  return `COALESCE(SUM(${column} / ${PICO_SPLIT}), 0) AS ${alias}_hi, COALESCE(SUM(${column} % ${PICO_SPLIT}), 0) AS ${alias}_lo`;
}

const TOTALS_SQL = `COALESCE(SUM(outcome = 'ok'), 0) AS ok,
  COALESCE(SUM(outcome = 'failed'), 0) AS failed,
  COALESCE(SUM(outcome = 'aborted'), 0) AS aborted,
  COALESCE(SUM(input_tokens), 0) AS input_tokens,
  COALESCE(SUM(cache_read_tokens), 0) AS cache_read_tokens,
  COALESCE(SUM(cache_write_5m_tokens), 0) AS cache_write_5m_tokens,
  COALESCE(SUM(cache_write_1h_tokens), 0) AS cache_write_1h_tokens,
  COALESCE(SUM(output_tokens), 0) AS output_tokens,
  COALESCE(SUM(reasoning_tokens), 0) AS reasoning_tokens,
  ${moneySum('cost_pico', 'cost')},
  ${moneySum('cache_savings_pico', 'savings')},
  ${moneySum('simulated_cost_pico', 'simulated')},
  COALESCE(SUM(priced = 0), 0) AS unpriced,
  COALESCE(SUM(estimated), 0) AS estimated`;

type Row = Record<string, unknown>;

function int(row: Row, column: string): number {
  return Number(row[column] as bigint);
}

function money(row: Row, alias: string): bigint {
  return (row[`${alias}_hi`] as bigint) * PICO_SPLIT + (row[`${alias}_lo`] as bigint);
}

/** Reads the totals columns of one aggregate row (read with BigInts). */
export function totalsFromRow(row: Row): CallTotals {
  return {
    calls: { ok: int(row, 'ok'), failed: int(row, 'failed'), aborted: int(row, 'aborted') },
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

function where(selection: Selection): { sql: string; params: SQLInputValue[] } {
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];
  clauses.push(selection.includeMock ? 'mock IN (0, 1)' : 'mock = 0');
  if (selection.fromMs !== null) {
    clauses.push('ended_at >= ?');
    params.push(selection.fromMs);
  }
  if (selection.toMs !== null) {
    clauses.push('ended_at < ?');
    params.push(selection.toMs);
  }
  return { sql: clauses.join(' AND '), params };
}

function all(db: DatabaseSync, sql: string, params: SQLInputValue[]): Row[] {
  const statement = db.prepare(sql);
  statement.setReadBigInts(true);
  return statement.all(...params) as Row[];
}

/** Totals of every selected call. */
export function selectionTotals(db: DatabaseSync, selection: Selection): CallTotals {
  const w = where(selection);
  return totalsFromRow(all(db, `SELECT ${TOTALS_SQL} FROM calls WHERE ${w.sql}`, w.params)[0]!);
}

/** Selected calls grouped by model (with its provider), provider or session. */
export function totalsBy(db: DatabaseSync, selection: Selection, by: GroupColumn): GroupRow[] {
  const w = where(selection);
  const columns =
    by === 'model'
      ? 'model AS key, provider'
      : by === 'provider'
        ? 'provider AS key, provider'
        : "session_id AS key, '' AS provider";
  const group = by === 'model' ? 'provider, model' : by === 'provider' ? 'provider' : 'session_id';
  const rows = all(
    db,
    `SELECT ${columns}, ${TOTALS_SQL} FROM calls WHERE ${w.sql} GROUP BY ${group}`,
    w.params,
  );
  return rows.map((row) => ({
    key: String(row.key),
    provider: String(row.provider),
    totals: totalsFromRow(row),
  }));
}

/**
 * Selected calls grouped into fixed buckets of `bucketMs` by end time (ascending). Reports roll
 * 15-minute buckets up into local days, weeks and months: every time zone offset in use is a
 * multiple of 15 minutes, so no bucket straddles a local midnight.
 */
export function totalsByTime(
  db: DatabaseSync,
  selection: Selection,
  bucketMs: number,
): TimeBucketRow[] {
  const w = where(selection);
  const rows = all(
    db,
    `SELECT ended_at / ${bucketMs} AS bucket, ${TOTALS_SQL} FROM calls WHERE ${w.sql}
     GROUP BY bucket ORDER BY bucket`,
    w.params,
  );
  return rows.map((row) => ({
    startMs: int(row, 'bucket') * bucketMs,
    totals: totalsFromRow(row),
  }));
}
