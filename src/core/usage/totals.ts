import type { CallCounts } from './tracker';
import { addUsage, type Usage, ZERO_USAGE } from './types';

/** Aggregated figures of a set of calls. Money is exact integer pico-USD. */
export interface CallTotals {
  readonly calls: { readonly ok: number; readonly failed: number; readonly aborted: number };
  readonly usage: Usage;
  /** Cost of the priced calls (unpriced ones add nothing; mock calls cost 0). */
  readonly costPicoUsd: bigint;
  /** Calls whose model had no price. */
  readonly unpricedCalls: number;
  /** Calls with any figure counted by the tokenizer (`~`). */
  readonly estimatedCalls: number;
  readonly cacheSavingsPicoUsd: bigint;
  /** What mock calls would have cost at the simulated model's price. */
  readonly simulatedCostPicoUsd: bigint;
}

/** Totals of no calls. */
export const EMPTY_TOTALS: CallTotals = Object.freeze({
  calls: Object.freeze({ ok: 0, failed: 0, aborted: 0 }),
  usage: ZERO_USAGE,
  costPicoUsd: 0n,
  unpricedCalls: 0,
  estimatedCalls: 0,
  cacheSavingsPicoUsd: 0n,
  simulatedCostPicoUsd: 0n,
});

/** The number of calls of any outcome, in ledger totals or a tracker's snapshot totals. */
export function callCount(totals: { readonly calls: CallCounts }): number {
  return totals.calls.ok + totals.calls.failed + totals.calls.aborted;
}

/** True when there were calls and none had a price: the cost is unknown (shown as unpriced, never $0). */
export function nothingPriced(totals: {
  readonly calls: CallCounts;
  readonly unpricedCalls: number;
}): boolean {
  const calls = callCount(totals);
  return calls > 0 && totals.unpricedCalls === calls;
}

/** Adds two totals exactly. */
export function addTotals(a: CallTotals, b: CallTotals): CallTotals {
  return {
    calls: {
      ok: a.calls.ok + b.calls.ok,
      failed: a.calls.failed + b.calls.failed,
      aborted: a.calls.aborted + b.calls.aborted,
    },
    usage: addUsage(a.usage, b.usage),
    costPicoUsd: a.costPicoUsd + b.costPicoUsd,
    unpricedCalls: a.unpricedCalls + b.unpricedCalls,
    estimatedCalls: a.estimatedCalls + b.estimatedCalls,
    cacheSavingsPicoUsd: a.cacheSavingsPicoUsd + b.cacheSavingsPicoUsd,
    simulatedCostPicoUsd: a.simulatedCostPicoUsd + b.simulatedCostPicoUsd,
  };
}

/** Sums many totals exactly. */
export function sumTotals(items: Iterable<CallTotals>): CallTotals {
  let sum = EMPTY_TOTALS;
  for (const item of items) sum = addTotals(sum, item);
  return sum;
}
