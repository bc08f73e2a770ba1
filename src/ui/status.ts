import type { UsageSnapshot } from '../core/usage/tracker';
import { simulatesUnpricedModel } from '../core/usage/types';
import { promptTokensOf } from '../core/pricing/cost';
import type { TurnProgress } from './state/repl-reducer';
import type { BudgetBadge } from '../core/budget/messages';
import type { NextTurnFigure } from '../core/chat/next-turn';

/** Everything the status bar shows, as plain data. Money is integer pico-USD. */
export interface StatusFigures {
  readonly provider: string;
  readonly model: string;
  readonly mock: boolean;
  /** Tokens the conversation occupies, or null before the first call. */
  readonly contextTokens: number | null;
  /** The model's context window, or null when unknown. */
  readonly contextWindowTokens: number | null;
  /** Session prompt tokens (input + cache read + cache writes). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Session cost of priced calls (mock: 0). */
  readonly sessionCostPicoUsd: bigint;
  /** Mock mode: what the session would have cost; null when nothing was simulated. */
  readonly sessionSimulatedPicoUsd: bigint | null;
  /** Some calls (or the call in flight) have no price: the session cost is a lower bound. */
  readonly partlyUnpriced: boolean;
  /** Last turn's cost (the turn in flight while streaming); undefined before the first turn. */
  readonly lastCostPicoUsd: bigint | null | undefined;
  readonly lastSimulatedPicoUsd: bigint | null;
  /** Mock mode: some calls simulated a model without a price (the simulated cost is a floor). */
  readonly simulationPartial?: boolean;
  /** Mock mode: the last turn simulated a model without a price. */
  readonly lastSimulationUnpriced?: boolean;
  /** Figures include an estimate (`~`): a reply is streaming without the provider's usage yet. */
  readonly estimating: boolean;
  /** The session's recorded figures include estimated calls (cancelled or cut replies...). */
  readonly sessionEstimated?: boolean;
  /** The last turn's figures are estimated (live while streaming, else the recorded call's). */
  readonly lastEstimated?: boolean;
  readonly budget: BudgetBadge | null;
  /**
   * The least the next turn will cost (the conversation resent), shown while idle once there
   * is a conversation to resend; null while streaming or before the conversation is counted.
   */
  readonly nextTurn?: NextTurnFigure | null;
}

/** What `deriveStatus` reads. */
export interface StatusInputs {
  readonly snapshot: UsageSnapshot;
  readonly provider: string;
  readonly model: string;
  readonly contextWindowTokens: number | null;
  /** The conversation's size after the last call (from the REPL state). */
  readonly contextTokens: number | null;
  /** The reply in flight: `null` when idle; `progress` null before its first figures. */
  readonly turn: { readonly progress: TurnProgress | null } | null;
  readonly budget?: BudgetBadge | null;
  /** The session's next-turn figure (null while it is being counted). */
  readonly nextTurn?: NextTurnFigure | null;
}

/**
 * Combines the session's recorded usage with the reply in flight: while streaming, its
 * estimated figures are added on top (marked `~`) until the call ends and is recorded.
 */
export function deriveStatus(inputs: StatusInputs): StatusFigures {
  const { snapshot, turn } = inputs;
  const totals = snapshot.totals;
  const live = turn?.progress ?? null;
  const liveIn = live ? promptTokensOf(live.usage) : 0;
  const liveOut = live ? live.usage.outputTokens : 0;
  const last = snapshot.lastCall;
  const estimating = turn !== null && (live === null || live.estimated);
  // The reply in flight as a mock call of the current model, once it has figures.
  const liveSimulation =
    live && snapshot.mode === 'mock'
      ? { provider: 'mock', model: inputs.model, simulatedCostPicoUsd: live.simulatedCostPicoUsd }
      : null;
  const simulatedSum = (a: bigint | null, b: bigint | null) =>
    a === null && b === null ? null : (a ?? 0n) + (b ?? 0n);
  return {
    provider: inputs.provider,
    model: inputs.model,
    mock: snapshot.mode === 'mock',
    contextTokens: live
      ? liveIn + liveOut
      : turn === null && inputs.nextTurn
        ? inputs.nextTurn.promptTokens
        : inputs.contextTokens,
    contextWindowTokens: inputs.contextWindowTokens,
    inputTokens: promptTokensOf(totals.usage) + liveIn,
    outputTokens: totals.usage.outputTokens + liveOut,
    sessionCostPicoUsd: totals.costPicoUsd + (live?.costPicoUsd ?? 0n),
    sessionSimulatedPicoUsd: simulatedSum(
      totals.simulatedCostPicoUsd,
      live?.simulatedCostPicoUsd ?? null,
    ),
    partlyUnpriced:
      totals.unpricedCalls > 0 ||
      (live !== null && live.costPicoUsd === null && snapshot.mode !== 'mock'),
    lastCostPicoUsd: turn
      ? live
        ? live.costPicoUsd
        : undefined
      : last
        ? last.costPicoUsd
        : undefined,
    lastSimulatedPicoUsd: turn
      ? (live?.simulatedCostPicoUsd ?? null)
      : (last?.simulatedCostPicoUsd ?? null),
    simulationPartial:
      snapshot.models.some(simulatesUnpricedModel) ||
      (liveSimulation !== null && simulatesUnpricedModel(liveSimulation)),
    lastSimulationUnpriced: turn
      ? liveSimulation !== null && simulatesUnpricedModel(liveSimulation)
      : last !== null && simulatesUnpricedModel(last),
    estimating,
    sessionEstimated: estimating || totals.estimatedCalls > 0,
    lastEstimated: turn ? estimating : (last?.estimated ?? false),
    budget: inputs.budget ?? null,
    nextTurn: turn === null ? (inputs.nextTurn ?? null) : null,
  };
}
