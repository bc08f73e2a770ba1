import type { DatabaseSync } from 'node:sqlite';
import { selectionTotals, totalsBy } from '../ledger/queries';
import type { SpendSource } from './monitor';

/**
 * Reads earlier real spend from the usage ledger: every non-mock call that ended in the range,
 * minus the calls of the session being metered (the monitor counts those from its tracker, so
 * they count once whether or not this session is recorded). Simulated costs never count.
 * Throws what the ledger queries throw.
 */
export function ledgerSpendSource(db: DatabaseSync): SpendSource {
  return {
    spentPicoUsd(range, excludeSessionId) {
      const selection = { fromMs: range.fromMs, toMs: range.toMs, includeMock: false };
      const total = selectionTotals(db, selection).costPicoUsd;
      const own = totalsBy(db, selection, 'session').find((row) => row.key === excludeSessionId);
      return total - (own?.totals.costPicoUsd ?? 0n);
    },
  };
}
