import { picoToUsdString } from '../core/pricing/money';
import type { CallCounts } from '../core/usage/tracker';
import { nothingPriced } from '../core/usage/totals';
import type { Usage } from '../core/usage/types';
import { exactUsdOrNull } from './text/format';

/** The figures every totals JSON object is written from: a session's, a model's, a report row's. */
export interface TotalsFigures {
  readonly calls: CallCounts;
  readonly usage: Usage;
  readonly costPicoUsd: bigint;
  readonly unpricedCalls: number;
  readonly estimatedCalls: number;
  /** What mock calls would have cost; `null` when none was simulated at a price. */
  readonly simulatedCostPicoUsd: bigint | null;
}

/** A totals object as JSON (DESIGN §4 and §6). Money is exact decimal USD text. */
export interface TotalsJson {
  readonly calls: CallCounts;
  readonly usage: Usage;
  /** Sum of priced real costs; `null` only when there were calls and none had a price. */
  readonly costUsd: string | null;
  readonly unpricedCalls: number;
  readonly estimatedCalls: number;
  /** With mock calls only: what they would have cost (null when none was priced). */
  readonly simulatedCostUsd?: string | null;
}

/**
 * The one writer of totals JSON, for the session summary, `usage` report rows and their totals,
 * and `usage sessions`: counts, the six buckets, exact USD strings; `costUsd` is `null` when no
 * call had a price (unpriced is never $0); `simulatedCostUsd` only `withSimulated` (mock calls).
 */
export function totalsJson(totals: TotalsFigures, withSimulated: boolean): TotalsJson {
  return {
    calls: { ...totals.calls },
    usage: { ...totals.usage },
    costUsd: nothingPriced(totals) ? null : picoToUsdString(totals.costPicoUsd),
    unpricedCalls: totals.unpricedCalls,
    estimatedCalls: totals.estimatedCalls,
    ...(withSimulated ? { simulatedCostUsd: exactUsdOrNull(totals.simulatedCostPicoUsd) } : {}),
  };
}
