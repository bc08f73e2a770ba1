import { picoToUsdString } from '../core/pricing/money';
import { type CallCounts, type CallTotals, nothingPriced } from '../core/usage/totals';
import type { Usage } from '../core/usage/types';
import { exactUsdOrNull } from './text/format';

/**
 * How a totals object writes `simulatedCostUsd`: left out (no mock calls), or, when no call was
 * simulated at a price, as `null` (the session summary) or as `"0"` (the `usage` reports, which
 * have always written it so).
 */
export type SimulatedCostJson = 'omit' | 'null-when-none' | 'zero-when-none';

/** A totals object as JSON (DESIGN §4 and §6). Money is exact decimal USD text. */
export interface TotalsJson {
  readonly calls: CallCounts;
  readonly usage: Usage;
  /** Sum of priced real costs; `null` only when there were calls and none had a price. */
  readonly costUsd: string | null;
  readonly unpricedCalls: number;
  readonly estimatedCalls: number;
  /** With mock calls only: what they would have cost (see {@link SimulatedCostJson}). */
  readonly simulatedCostUsd?: string | null;
}

/**
 * The one writer of totals JSON, for the session summary, `usage` report rows and their totals,
 * and `usage sessions`: counts, the six buckets, exact USD strings; `costUsd` is `null` when no
 * call had a price (unpriced is never $0); `simulatedCostUsd` as `simulated` says.
 */
export function totalsJson(totals: CallTotals, simulated: SimulatedCostJson): TotalsJson {
  const none = simulated === 'zero-when-none' ? '0' : null;
  return {
    calls: { ...totals.calls },
    usage: { ...totals.usage },
    costUsd: nothingPriced(totals) ? null : picoToUsdString(totals.costPicoUsd),
    unpricedCalls: totals.unpricedCalls,
    estimatedCalls: totals.estimatedCalls,
    ...(simulated === 'omit'
      ? {}
      : { simulatedCostUsd: exactUsdOrNull(totals.simulatedCostPicoUsd) ?? none }),
  };
}
