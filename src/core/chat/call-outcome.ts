import { priceUsage, promptTokensOf } from '../pricing/cost';
import type { PriceTable } from '../pricing/types';
import type { ProviderError } from '../providers/errors';
import { type CallOutcome, type Usage, ZERO_USAGE } from '../usage/types';

/** What the provider stream produced for one call, as the session saw it. */
export interface StreamResult {
  /** The provider had the request (its `started` event): from then on it may bill. */
  readonly started: boolean;
  readonly reply: string;
  /** The last usage the provider reported (cumulative), or null when it sent none. */
  readonly reportedUsage: Usage | null;
  readonly error: ProviderError | null;
}

/** The recorded usage of one call and how it ended (DESIGN §4). */
export interface CallUsage {
  readonly outcome: CallOutcome;
  readonly usage: Usage;
  readonly estimated: boolean;
}

/** Tokenizer counts the session supplies when the provider's figures are missing. */
export interface TokenEstimates {
  readonly promptTokens: number;
  readonly replyTokens: number;
}

/**
 * The provider's usage where it reported some, the estimate elsewhere: prompt buckets from the
 * provider when it reported any prompt tokens, output the larger of reported and estimated.
 */
export function mergeEstimate(reported: Usage | null, estimates: TokenEstimates): Usage {
  const base = reported ?? ZERO_USAGE;
  const outputTokens = Math.max(base.outputTokens, estimates.replyTokens);
  return {
    ...base,
    inputTokens: promptTokensOf(base) > 0 ? base.inputTokens : estimates.promptTokens,
    outputTokens,
    reasoningTokens: Math.min(base.reasoningTokens, outputTokens),
  };
}

/** Whether settling this call needs tokenizer estimates (no usage, or aborted). */
export function needsEstimate(result: StreamResult): boolean {
  const { error, reportedUsage, reply } = result;
  if (!error) return reportedUsage === null;
  if (reply.length > 0 || reportedUsage !== null) return true;
  return error.kind === 'cancelled' && result.started;
}

/**
 * Decides a call's outcome: no error -> `ok` (estimated when the provider sent no usage);
 * cancelled, or an error after output or usage -> `aborted` (reported plus estimated rest, `~`),
 * but with no tokens when cancelled before the provider had the request; an error before any
 * output -> `failed` with no tokens.
 */
export function settleCall(result: StreamResult, estimates: () => TokenEstimates): CallUsage {
  const { error, reportedUsage } = result;
  if (!error) {
    if (reportedUsage) return { outcome: 'ok', usage: reportedUsage, estimated: false };
    return { outcome: 'ok', usage: mergeEstimate(null, estimates()), estimated: true };
  }
  if (needsEstimate(result)) {
    return {
      outcome: 'aborted',
      usage: mergeEstimate(reportedUsage, estimates()),
      estimated: true,
    };
  }
  // Nothing came back and nothing needs an estimate: a cancel before the provider had the
  // request (waiting to connect, or between retries) is still the user's abort, with no tokens.
  const outcome = error.kind === 'cancelled' ? 'aborted' : 'failed';
  return { outcome, usage: ZERO_USAGE, estimated: false };
}

/** Money of one call, pico-USD. */
export interface CallCost {
  /** Real cost: null when unpriced; 0n in mock mode. */
  readonly costPicoUsd: bigint | null;
  /** Mock mode simulating a priced model: what it would have cost; else null. */
  readonly simulatedCostPicoUsd: bigint | null;
  readonly cacheSavingsPicoUsd: bigint;
}

/** Prices a call's usage for the session's mode: real cost, or 0n plus a simulated cost. */
export function costOfCall(
  table: PriceTable,
  model: string,
  usage: Usage,
  mode: 'real' | 'mock',
): CallCost {
  const priced = priceUsage(table, model, usage);
  const total = priced.cost?.totalPicoUsd ?? null;
  if (mode === 'mock') {
    return { costPicoUsd: 0n, simulatedCostPicoUsd: total, cacheSavingsPicoUsd: 0n };
  }
  return {
    costPicoUsd: total,
    simulatedCostPicoUsd: null,
    cacheSavingsPicoUsd: priced.cacheSavingsPicoUsd,
  };
}
