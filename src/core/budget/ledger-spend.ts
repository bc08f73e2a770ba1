import type { DatabaseSync } from 'node:sqlite';
import { PICO_SPLIT } from '../ledger/rollup-schema';
import type { SpendSource } from './monitor';

// One indexed sum (calls_by_time covers mock, ended_at). Money is summed in the two parts of
// PICO_SPLIT, so SQLite's 64-bit sum cannot overflow; the parts are joined in BigInt.
// Unpriced calls (NULL cost) add nothing; mock calls and simulated costs never count.
const SPEND_SQL = `SELECT COALESCE(SUM(cost_pico / ${PICO_SPLIT}), 0) AS hi,
    COALESCE(SUM(cost_pico % ${PICO_SPLIT}), 0) AS lo
  FROM calls WHERE mock = 0 AND ended_at >= ? AND ended_at < ? AND session_id <> ?`;

/**
 * Reads earlier real spend from the usage ledger: every non-mock call that ended in the range,
 * minus the calls of the session being metered (the monitor counts those from its tracker, so
 * they count once whether or not this session is recorded). Reads the `calls` table of ledger
 * schema v2 (DESIGN §6). Throws what SQLite throws (a locked or damaged file).
 */
export function ledgerSpendSource(db: DatabaseSync): SpendSource {
  const statement = db.prepare(SPEND_SQL);
  statement.setReadBigInts(true);
  return {
    spentPicoUsd(range, excludeSessionId) {
      const row = statement.get(range.fromMs, range.toMs, excludeSessionId) as
        | { hi: bigint; lo: bigint }
        | undefined;
      return row ? row.hi * PICO_SPLIT + row.lo : 0n;
    },
  };
}
