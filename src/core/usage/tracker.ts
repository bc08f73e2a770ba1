import { Aggregate, ModelAggregate } from './tracker-aggregate';
import type { CutKind } from './stop-reason';
import type { CallRecord, CallSink, SessionMode, Usage } from './types';

/** Calls counted by outcome. */
export interface CallCounts {
  readonly ok: number;
  readonly failed: number;
  readonly aborted: number;
}

/** The calls whose cost is the provider's reported charge, beside our list figures for them. */
export interface ProviderCostFigures {
  /** Calls costed at the provider's charge (OpenRouter `usage.cost`, xAI ticks). */
  readonly calls: number;
  /** The sum of those charges, pico-USD. */
  readonly costPicoUsd: bigint;
  /** Those of them we have a list price for. */
  readonly listedCalls: number;
  /** The provider's charges for the listed calls, pico-USD (to compare with `listCostPicoUsd`). */
  readonly listedCostPicoUsd: bigint;
  /** Our list figures for the listed calls, pico-USD. */
  readonly listCostPicoUsd: bigint;
}

/**
 * The figures a model's view and the session totals both carry (over the calls of one model, or
 * of the whole session). Money is integer pico-USD.
 */
export interface UsageFigures {
  readonly calls: CallCounts;
  /** The six buckets summed over every call. */
  readonly usage: Usage;
  /** Mock mode: what the calls would have cost on the simulated model; `null` when none did. */
  readonly simulatedCostPicoUsd: bigint | null;
  /** Calls whose cost is `null` (the model has no price). */
  readonly unpricedCalls: number;
  /** Calls with estimated figures. */
  readonly estimatedCalls: number;
  /** The part of `usage` that came from estimated calls (a bucket > 0 here is shown with `~`). */
  readonly estimatedUsage: Usage;
  /** True when an estimated call added to the cost (or to the simulated cost). */
  readonly costEstimated: boolean;
  /** What reading from the cache saved against the uncached input rate. */
  readonly cacheSavingsPicoUsd: bigint;
  /** The calls priced at the provider's own figure. */
  readonly providerCost: ProviderCostFigures;
  /** Replies that stopped early (max tokens, content filter, refusal...), counted by kind. */
  readonly cutReplies: Readonly<Partial<Record<CutKind, number>>>;
}

/** Aggregates of one (provider, model) pair in a session. Money is integer pico-USD. */
export interface ModelUsageSnapshot extends UsageFigures {
  readonly provider: string;
  readonly model: string;
  /** Sum of the priced calls' real cost; `null` when no call of this model had a price. */
  readonly costPicoUsd: bigint | null;
  /** True when every call of this model had a price. */
  readonly priced: boolean;
  /** True when any call of this model had estimated (`~`) figures. */
  readonly estimated: boolean;
}

/** Session-wide totals. Money is integer pico-USD. */
export interface UsageTotals extends UsageFigures {
  /** Sum of every priced call's real cost (never simulated cost); unpriced calls add nothing. */
  readonly costPicoUsd: bigint;
}

/** An immutable (deeply frozen) view of a session's usage at one moment. */
export interface UsageSnapshot {
  readonly sessionId: string;
  /** Session start, epoch milliseconds. */
  readonly startedAtMs: number;
  readonly mode: SessionMode;
  /** One entry per (provider, model), in the order each was first used. */
  readonly models: readonly ModelUsageSnapshot[];
  readonly totals: UsageTotals;
  /** The most recently recorded call, or `null` before the first one. */
  readonly lastCall: CallRecord | null;
}

/** Called with the new snapshot after each recorded call. */
export type UsageListener = (snapshot: UsageSnapshot) => void;

/** What a tracker needs to know about its session. */
export interface SessionUsageTrackerOptions {
  readonly sessionId: string;
  /** Session start, epoch milliseconds. */
  readonly startedAtMs: number;
  readonly mode: SessionMode;
}

/**
 * Meters one session: receives every ended call (as a `CallSink`), keeps per-(provider, model)
 * and session totals incrementally (`record` is O(1) and never re-sums history), and hands out
 * frozen snapshots, cached until the next call is recorded, to views and summaries.
 */
export class SessionUsageTracker implements CallSink {
  /** Names this sink in a warning should `record` throw. */
  readonly name = 'usage tracker';
  readonly #options: SessionUsageTrackerOptions;
  readonly #byProvider = new Map<string, Map<string, ModelAggregate>>();
  readonly #ordered: ModelAggregate[] = [];
  readonly #totals = new Aggregate();
  readonly #listeners = new Set<UsageListener>();
  #lastCall: CallRecord | null = null;
  #cached: UsageSnapshot | null = null;

  constructor(options: SessionUsageTrackerOptions) {
    this.#options = { ...options };
  }

  /**
   * Adds one ended call to the session's figures, then tells every subscriber. If a listener
   * throws, the others are still called and the first error is rethrown afterwards.
   */
  record(call: CallRecord): void {
    let models = this.#byProvider.get(call.provider);
    if (models === undefined) {
      models = new Map();
      this.#byProvider.set(call.provider, models);
    }
    let aggregate = models.get(call.model);
    if (aggregate === undefined) {
      aggregate = new ModelAggregate(call.provider, call.model);
      models.set(call.model, aggregate);
      this.#ordered.push(aggregate);
    }
    aggregate.add(call);
    this.#totals.add(call);
    this.#lastCall = call;
    this.#cached = null;
    if (this.#listeners.size > 0) this.#notify();
  }

  /** The session's figures now: deeply frozen, and the same object until the next `record`. */
  snapshot(): UsageSnapshot {
    this.#cached ??= this.#build();
    return this.#cached;
  }

  /** Calls `listener` with the new snapshot after each recorded call; returns an unsubscribe. */
  subscribe(listener: UsageListener): () => void {
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const entry: UsageListener = (snapshot) => listener(snapshot);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  #notify(): void {
    const snapshot = this.snapshot();
    let failure: { error: unknown } | null = null;
    for (const listener of [...this.#listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== null) throw failure.error;
  }

  #build(): UsageSnapshot {
    const totals = this.#totals;
    const last = this.#lastCall;
    return Object.freeze({
      sessionId: this.#options.sessionId,
      startedAtMs: this.#options.startedAtMs,
      mode: this.#options.mode,
      models: Object.freeze(this.#ordered.map((aggregate) => aggregate.snapshot())),
      totals: Object.freeze({ ...totals.sharedView(), costPicoUsd: totals.costPicoUsd }),
      lastCall:
        last === null ? null : Object.freeze({ ...last, usage: Object.freeze({ ...last.usage }) }),
    });
  }
}
