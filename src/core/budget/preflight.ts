import { computeCost, promptTokensOf } from '../pricing/cost';
import type { ModelPrice } from '../pricing/types';
import { type Usage, ZERO_USAGE } from '../usage/types';
import {
  BUDGET_SCOPES,
  type BudgetLimits,
  type ScopeSpend,
  type ScopeStatus,
  scopeStatus,
} from './state';

/** What the pre-flight guard is asked about before a call is sent. */
export interface PreflightRequest {
  /** The model id the call will use. */
  readonly model: string;
  /** The whole prompt as text (system prompt and every message), for a token estimate. */
  readonly promptText: string;
  /** The most output tokens the call may produce (`--max-tokens`, else the session's default). */
  readonly maxOutputTokens: number;
  /**
   * How the prompt will be billed (cache reads while warm, writes, uncached input): the
   * next-turn figure plus the new message. Absent: every prompt token at the input rate.
   */
  readonly promptUsage?: Usage;
}

/** The guard's answer: send, send with a warning notice, or refuse (a `blocked` event). */
export type PreflightDecision =
  | { readonly action: 'allow' }
  | { readonly action: 'warn'; readonly message: string }
  | { readonly action: 'block'; readonly message: string };

/** A pre-flight check run before every call (a budget's warn or block decision). */
export type PreflightGuard = (request: PreflightRequest) => PreflightDecision;

/** The worst case of one call before it is sent. */
export interface CallEstimate {
  readonly model: string;
  /** Prompt tokens counted with the tokenizer (the whole conversation and system prompt). */
  readonly promptTokens: number;
  /** The most output tokens the call may produce. */
  readonly maxOutputTokens: number;
  /** Prompt at the input rate plus every output token at the output rate, tier included; null when unpriced. */
  readonly costPicoUsd: bigint | null;
}

/**
 * Prices the worst case of a call: `maxOutputTokens` at the output rate, and the prompt as
 * `promptUsage` bills it (cache reads and writes) or, without it, all `promptTokens` uncached
 * at the input rate; with the long-context tier the prompt falls in.
 */
export function estimateCall(
  model: string,
  price: ModelPrice | undefined,
  promptTokens: number,
  maxOutputTokens: number,
  promptUsage: Usage = { ...ZERO_USAGE, inputTokens: promptTokens },
): CallEstimate {
  const costPicoUsd = price
    ? computeCost(price, { ...promptUsage, outputTokens: maxOutputTokens }).totalPicoUsd
    : null;
  return { model, promptTokens: promptTokensOf(promptUsage), maxOutputTokens, costPicoUsd };
}

/** A scope a call could take over its limit, with its figures before the call. */
export interface Overrun {
  readonly status: ScopeStatus;
  readonly estimate: CallEstimate;
}

/**
 * The scope the call would take over its limit (spent + worst case > limit), the one with the
 * least money left when several would; null when the call fits every limit or is unpriced.
 */
export function findOverrun(
  limits: BudgetLimits,
  spend: ScopeSpend,
  estimate: CallEstimate,
): Overrun | null {
  if (estimate.costPicoUsd === null) return null;
  let worst: ScopeStatus | null = null;
  for (const scope of BUDGET_SCOPES) {
    const limit = limits[scope];
    if (limit === null) continue;
    if (spend[scope] + estimate.costPicoUsd <= limit) continue;
    const status = scopeStatus(scope, limit, spend[scope], limits.thresholds);
    if (worst === null || status.remainingPicoUsd < worst.remainingPicoUsd) worst = status;
  }
  return worst === null ? null : { status: worst, estimate };
}
