import { priceUsage, promptTokensOf } from '../pricing/cost';
import type { PriceTable } from '../pricing/types';
import type { ProviderError } from '../providers/errors';
import {
  type CallBilling,
  type CallOutcome,
  type CostSource,
  type SessionMode,
  type Usage,
  ZERO_USAGE,
} from '../usage/types';

/** What the provider stream produced for one call, as the session saw it. */
export interface StreamResult {
  /** The provider had the request (its `started` event): from then on it may bill. */
  readonly started: boolean;
  readonly reply: string;
  /** The last usage the provider reported (cumulative), or null when it sent none. */
  readonly reportedUsage: Usage | null;
  /** The provider's cost and service tier sent with the last usage, or null. */
  readonly billing: CallBilling | null;
  readonly error: ProviderError | null;
  /** Why the provider says the reply stopped (`end_turn`, `max_tokens`, `length`...); null or absent: not said. */
  readonly stopReason?: string | null;
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
  /** Real cost (the provider's charge when reported, else list price): null when unpriced; 0n in mock mode. */
  readonly costPicoUsd: bigint | null;
  /** Mock mode simulating a priced model: what it would have cost; else null. */
  readonly simulatedCostPicoUsd: bigint | null;
  readonly cacheSavingsPicoUsd: bigint;
  /** What cache writes cost over the uncached input rate (simulated in mock mode, like the savings). */
  readonly cacheWritePremiumPicoUsd: bigint;
  /** Which figure `costPicoUsd` is. */
  readonly costSource: CostSource;
  /** Our list-price figure (null when the model, or its service tier, has no price). */
  readonly listCostPicoUsd: bigint | null;
  /** The provider's reported charge, or null. */
  readonly providerCostPicoUsd: bigint | null;
  /** The service tier the call was priced at (as reported, else as requested), or null. */
  readonly serviceTier: string | null;
}

/** How a call was made, where its price depends on it. */
export interface CallPricing {
  /** What the provider said (its charge, the tier that served the call). */
  readonly billing?: CallBilling | null;
  /** The tier the request asked for, used when the response names none. */
  readonly requestedServiceTier?: string | null;
  /** When the call was made, epoch ms: prices that changed on a date are taken as they were. */
  readonly atMs?: number;
}

/**
 * Prices a call's usage for the session's mode at its service tier and time: the provider's
 * reported charge is the real cost when it sent one (an unpriced model becomes priced), our
 * list-price figure otherwise; mock mode costs 0n plus a simulated list-price cost.
 */
export function costOfCall(
  table: PriceTable,
  model: string,
  usage: Usage,
  mode: SessionMode,
  pricing: CallPricing = {},
): CallCost {
  const serviceTier = pricing.billing?.serviceTier ?? pricing.requestedServiceTier ?? null;
  const priced = priceUsage(table, model, usage, {
    serviceTier,
    ...(pricing.atMs === undefined ? {} : { atMs: pricing.atMs }),
  });
  const list = priced.cost?.totalPicoUsd ?? null;
  if (mode === 'mock') {
    return {
      costPicoUsd: 0n,
      simulatedCostPicoUsd: list,
      // What the simulated cache saved on the simulated model: shown as simulated, never real.
      cacheSavingsPicoUsd: priced.cacheSavingsPicoUsd,
      cacheWritePremiumPicoUsd: priced.cacheWritePremiumPicoUsd,
      costSource: 'list',
      listCostPicoUsd: null,
      providerCostPicoUsd: null,
      serviceTier,
    };
  }
  const provider = pricing.billing?.providerCostPicoUsd ?? null;
  return {
    costPicoUsd: provider ?? list,
    simulatedCostPicoUsd: null,
    cacheSavingsPicoUsd: priced.cacheSavingsPicoUsd,
    cacheWritePremiumPicoUsd: priced.cacheWritePremiumPicoUsd,
    costSource: provider === null ? 'list' : 'provider',
    listCostPicoUsd: list,
    providerCostPicoUsd: provider,
    serviceTier,
  };
}
