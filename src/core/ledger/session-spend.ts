import type { DatabaseSync } from 'node:sqlite';
import { PICO_SPLIT } from './rollup-schema';

/** Calls and real spend of one session. */
export interface SessionSpend {
  readonly calls: number;
  /** Pico-USD; unpriced calls add nothing. */
  readonly costPicoUsd: bigint;
}

// One indexed lookup (calls_by_session); money summed in the two parts of PICO_SPLIT.
const SESSION_SPEND_SQL = `SELECT COUNT(*) AS calls,
    COALESCE(SUM(cost_pico / ${PICO_SPLIT}), 0) AS hi, COALESCE(SUM(cost_pico % ${PICO_SPLIT}), 0) AS lo
  FROM calls WHERE session_id = ?`;

/** The number of calls and the real cost recorded so far for `sessionId`. */
export function sessionSpend(db: DatabaseSync, sessionId: string): SessionSpend {
  const statement = db.prepare(SESSION_SPEND_SQL);
  statement.setReadBigInts(true);
  const row = statement.get(sessionId) as { calls: bigint; hi: bigint; lo: bigint };
  return { calls: Number(row.calls), costPicoUsd: row.hi * PICO_SPLIT + row.lo };
}
