import {
  addUsage,
  type CallRecord,
  type Usage,
  USAGE_BUCKETS,
  type UsageBucket,
  ZERO_USAGE,
} from './types';

/** Calls counted by outcome. */
export interface CallCounts {
  readonly ok: number;
  readonly failed: number;
  readonly aborted: number;
}

/**
 * The totals of a set of calls: the one model the session tracker, the ledger's queries and every
 * report share. Money is exact integer pico-USD.
 */
export interface CallTotals {
  readonly calls: CallCounts;
  /** The six buckets summed over every call. */
  readonly usage: Usage;
  /** Cost of the priced calls (unpriced ones add nothing; mock calls cost 0). */
  readonly costPicoUsd: bigint;
  /** Calls whose model had no price. */
  readonly unpricedCalls: number;
  /** Calls with any figure counted by the tokenizer (`~`). */
  readonly estimatedCalls: number;
  /** What reading from the cache saved against the uncached input rate. */
  readonly cacheSavingsPicoUsd: bigint;
  /**
   * Mock calls: what they would have cost at the simulated model's price; `null` when no call was
   * simulated at a price (a simulated cost that does not exist is null, never 0).
   */
  readonly simulatedCostPicoUsd: bigint | null;
}

/** Totals of no calls. */
export const EMPTY_TOTALS: CallTotals = Object.freeze({
  calls: Object.freeze({ ok: 0, failed: 0, aborted: 0 }),
  usage: ZERO_USAGE,
  costPicoUsd: 0n,
  unpricedCalls: 0,
  estimatedCalls: 0,
  cacheSavingsPicoUsd: 0n,
  simulatedCostPicoUsd: null,
});

/** The number of calls of any outcome. */
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

/** The totals of one ended call. */
export function totalsOfCall(call: CallRecord): CallTotals {
  return {
    calls: {
      ok: call.outcome === 'ok' ? 1 : 0,
      failed: call.outcome === 'failed' ? 1 : 0,
      aborted: call.outcome === 'aborted' ? 1 : 0,
    },
    usage: call.usage,
    costPicoUsd: call.costPicoUsd ?? 0n,
    unpricedCalls: call.costPicoUsd === null ? 1 : 0,
    estimatedCalls: call.estimated ? 1 : 0,
    cacheSavingsPicoUsd: call.cacheSavingsPicoUsd,
    simulatedCostPicoUsd: call.simulatedCostPicoUsd,
  };
}

/** Adds two totals exactly: the buckets over USAGE_BUCKETS, a simulated cost null only when both are. */
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
    simulatedCostPicoUsd:
      a.simulatedCostPicoUsd === null
        ? b.simulatedCostPicoUsd
        : a.simulatedCostPicoUsd + (b.simulatedCostPicoUsd ?? 0n),
  };
}

/**
 * Sums many totals exactly, as {@link addTotals} one after the other would, into one accumulator
 * (a report of 10,000 sessions made 10,000 intermediate totals for the young generation to copy).
 */
export function sumTotals(items: Iterable<CallTotals>): CallTotals {
  const usage: Record<UsageBucket, number> = { ...ZERO_USAGE };
  let ok = 0;
  let failed = 0;
  let aborted = 0;
  let unpricedCalls = 0;
  let estimatedCalls = 0;
  let costPicoUsd = 0n;
  let cacheSavingsPicoUsd = 0n;
  let simulatedCostPicoUsd: bigint | null = null;
  for (const item of items) {
    ok += item.calls.ok;
    failed += item.calls.failed;
    aborted += item.calls.aborted;
    for (const bucket of USAGE_BUCKETS) usage[bucket] += item.usage[bucket];
    costPicoUsd += item.costPicoUsd;
    unpricedCalls += item.unpricedCalls;
    estimatedCalls += item.estimatedCalls;
    cacheSavingsPicoUsd += item.cacheSavingsPicoUsd;
    if (item.simulatedCostPicoUsd !== null)
      simulatedCostPicoUsd = (simulatedCostPicoUsd ?? 0n) + item.simulatedCostPicoUsd;
  }
  return {
    calls: { ok, failed, aborted },
    usage: Object.freeze(usage),
    costPicoUsd,
    unpricedCalls,
    estimatedCalls,
    cacheSavingsPicoUsd,
    simulatedCostPicoUsd,
  };
}
