import type { ModelUsageSnapshot, UsageFigures } from './tracker';
import { type CutKind, cutKindOf } from './stop-reason';
import { addUsage, type CallOutcome, type CallRecord, type Usage, ZERO_USAGE } from './types';

/**
 * Mutable running sums over calls (one model, or a whole session); each `add` is O(1).
 * Internal to the tracker: views only ever see frozen copies.
 */
export class Aggregate {
  readonly calls: Record<CallOutcome, number> = { ok: 0, failed: 0, aborted: 0 };
  usage: Usage = ZERO_USAGE;
  estimatedUsage: Usage = ZERO_USAGE;
  costPicoUsd = 0n;
  pricedCalls = 0;
  unpricedCalls = 0;
  simulatedCostPicoUsd = 0n;
  simulatedCalls = 0;
  estimatedCalls = 0;
  /** Estimated calls that added to the cost or the simulated cost. */
  estimatedCostCalls = 0;
  cacheSavingsPicoUsd = 0n;
  readonly providerCost = {
    calls: 0,
    costPicoUsd: 0n,
    listedCalls: 0,
    listedCostPicoUsd: 0n,
    listCostPicoUsd: 0n,
  };
  readonly cutReplies: Partial<Record<CutKind, number>> = {};

  /** Adds one ended call. */
  add(call: CallRecord): void {
    this.calls[call.outcome]++;
    const cut = cutKindOf(call.stopReason);
    if (cut !== null) this.cutReplies[cut] = (this.cutReplies[cut] ?? 0) + 1;
    this.usage = addUsage(this.usage, call.usage);
    if (call.costPicoUsd === null) {
      this.unpricedCalls++;
    } else {
      this.costPicoUsd += call.costPicoUsd;
      this.pricedCalls++;
    }
    if (call.simulatedCostPicoUsd !== null) {
      this.simulatedCostPicoUsd += call.simulatedCostPicoUsd;
      this.simulatedCalls++;
    }
    if (call.estimated) {
      this.estimatedCalls++;
      this.estimatedUsage = addUsage(this.estimatedUsage, call.usage);
      if (call.costPicoUsd !== null || call.simulatedCostPicoUsd !== null)
        this.estimatedCostCalls++;
    }
    this.cacheSavingsPicoUsd += call.cacheSavingsPicoUsd;
    if (call.costSource === 'provider' && call.costPicoUsd !== null) {
      const provider = this.providerCost;
      provider.calls++;
      provider.costPicoUsd += call.costPicoUsd;
      if (call.listCostPicoUsd != null) {
        provider.listedCalls++;
        provider.listedCostPicoUsd += call.costPicoUsd;
        provider.listCostPicoUsd += call.listCostPicoUsd;
      }
    }
  }

  /** The running sums as frozen {@link UsageFigures}: what a model view and the totals share. */
  sharedView(): UsageFigures {
    return {
      calls: Object.freeze({ ...this.calls }),
      usage: this.usage,
      simulatedCostPicoUsd: this.simulatedCalls > 0 ? this.simulatedCostPicoUsd : null,
      unpricedCalls: this.unpricedCalls,
      estimatedCalls: this.estimatedCalls,
      estimatedUsage: this.estimatedUsage,
      costEstimated: this.estimatedCostCalls > 0,
      cacheSavingsPicoUsd: this.cacheSavingsPicoUsd,
      providerCost: Object.freeze({ ...this.providerCost }),
      cutReplies: Object.freeze({ ...this.cutReplies }),
    };
  }
}

/** Per-model running sums plus their frozen view, rebuilt only after a change. */
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
    this.#view ??= Object.freeze({
      provider: this.provider,
      model: this.model,
      ...this.sharedView(),
      costPicoUsd: this.pricedCalls > 0 ? this.costPicoUsd : null,
      priced: this.unpricedCalls === 0,
      estimated: this.estimatedCalls > 0,
    });
    return this.#view;
  }
}
