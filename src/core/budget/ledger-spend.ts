import type { DatabaseSync } from 'node:sqlite';
import { realSpendPicoUsd } from '../ledger/queries';
import type { SpendSource } from './monitor';

/**
 * Reads earlier real spend from the usage ledger: every non-mock call that ended in the range,
 * minus the calls of the session being metered (the monitor counts those from its tracker, so
 * they count once whether or not this session is recorded). Simulated costs never count.
 * Throws what the ledger query throws (a locked or damaged file).
 */
export function ledgerSpendSource(db: DatabaseSync): SpendSource {
  return {
    spentPicoUsd: (range, excludeSessionId) =>
      realSpendPicoUsd(db, range.fromMs, range.toMs, excludeSessionId),
  };
}
