import type { CallTotals } from './totals';

// The shapes the ledger's queries sum calls into, and the history reports read: they live here,
// below both, so the reports take them as data without importing the ledger.

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
  /** Start of the bucket, epoch milliseconds (a multiple of 15 minutes). */
  readonly startMs: number;
  readonly totals: CallTotals;
}

/** The totals of one period: the ledger sums the calls of each of a list of periods. */
export interface PeriodRow {
  /** Index of the period's start in the starts given. */
  readonly index: number;
  readonly totals: CallTotals;
}

/** What the selected calls of one model spent writing to a cache, beyond the input rate. */
export interface CacheWritePremium {
  readonly provider: string;
  readonly model: string;
  /** Cache-write tokens at their write rate minus the same at the input rate, pico-USD. */
  readonly premiumPicoUsd: bigint;
  /** Calls that wrote to a cache before the ledger kept this figure (not in `premiumPicoUsd`). */
  readonly unknownCalls: number;
}
