import { type CutKind, cutKindOf } from './stop-reason';
import { addTotals, callCount, type CallTotals, EMPTY_TOTALS, totalsOfCall } from './totals';
import type { ModelUsageSnapshot, UsageTotals } from './tracker';
import { addUsage, type CallRecord, type Usage, ZERO_USAGE } from './types';

/**
 * Running totals over calls (one model, or a whole session); each `add` is O(1). Internal to the
 * tracker: views only ever see frozen copies.
 */
export class Aggregate {
  #totals: CallTotals = EMPTY_TOTALS;
  #estimatedUsage: Usage = ZERO_USAGE;
  /** Estimated calls that added to the cost or the simulated cost. */
  #estimatedCostCalls = 0;
  readonly #providerCost = {
    calls: 0,
    costPicoUsd: 0n,
    listedCalls: 0,
    listedCostPicoUsd: 0n,
    listCostPicoUsd: 0n,
  };
  readonly #cutReplies: Partial<Record<CutKind, number>> = {};
  #cacheWritePremiumPicoUsd = 0n;

  /** Adds one ended call. */
  add(call: CallRecord): void {
    this.#totals = addTotals(this.#totals, totalsOfCall(call));
    this.#cacheWritePremiumPicoUsd += call.cacheWritePremiumPicoUsd ?? 0n;
    const cut = cutKindOf(call.stopReason);
    if (cut !== null) this.#cutReplies[cut] = (this.#cutReplies[cut] ?? 0) + 1;
    if (call.estimated) {
      this.#estimatedUsage = addUsage(this.#estimatedUsage, call.usage);
      if (call.costPicoUsd !== null || call.simulatedCostPicoUsd !== null)
        this.#estimatedCostCalls++;
    }
    if (call.costSource === 'provider' && call.costPicoUsd !== null) {
      const provider = this.#providerCost;
      provider.calls++;
      provider.costPicoUsd += call.costPicoUsd;
      if (call.listCostPicoUsd != null) {
        provider.listedCalls++;
        provider.listedCostPicoUsd += call.costPicoUsd;
        provider.listCostPicoUsd += call.listCostPicoUsd;
      }
    }
  }

  /** The totals so far, frozen. */
  view(): UsageTotals {
    const totals = this.#totals;
    return Object.freeze({
      calls: Object.freeze({ ...totals.calls }),
      usage: totals.usage,
      simulatedCostPicoUsd: totals.simulatedCostPicoUsd,
      unpricedCalls: totals.unpricedCalls,
      estimatedCalls: totals.estimatedCalls,
      estimatedUsage: this.#estimatedUsage,
      costEstimated: this.#estimatedCostCalls > 0,
      cacheSavingsPicoUsd: totals.cacheSavingsPicoUsd,
      cacheWritePremiumPicoUsd: this.#cacheWritePremiumPicoUsd,
      providerCost: Object.freeze({ ...this.#providerCost }),
      cutReplies: Object.freeze({ ...this.#cutReplies }),
      costPicoUsd: totals.costPicoUsd,
    });
  }
}

/** Per-model running totals plus their frozen view, rebuilt only after a change. */
export class ModelAggregate extends Aggregate {
  #view: ModelUsageSnapshot | null = null;

  constructor(
    readonly provider: string,
    readonly model: string,
  ) {
    super();
  }

  override add(call: CallRecord): void {
    super.add(call);
    this.#view = null;
  }

  /** The frozen view of this model, the same object until the next `add`. */
  snapshot(): ModelUsageSnapshot {
    if (this.#view === null) {
      const totals = this.view();
      const priced = callCount(totals) - totals.unpricedCalls;
      this.#view = Object.freeze({
        provider: this.provider,
        model: this.model,
        ...totals,
        costPicoUsd: priced > 0 ? totals.costPicoUsd : null,
        priced: totals.unpricedCalls === 0,
        estimated: totals.estimatedCalls > 0,
      });
    }
    return this.#view;
  }
}
