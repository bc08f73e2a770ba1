import { Aggregate, ModelAggregate } from './tracker-aggregate';
import type { CutKind } from './stop-reason';
import type { CallTotals } from './totals';
import type { CallRecord, CallSink, SessionMode, Usage } from './types';

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
 * Session totals: the call totals (over the calls of one model, or of the whole session) and what
 * the session's views show besides. Money is integer pico-USD.
 */
export interface UsageTotals extends CallTotals {
  /** The part of `usage` that came from estimated calls (a bucket > 0 here is shown with `~`). */
  readonly estimatedUsage: Usage;
  /** True when an estimated call added to the cost (or to the simulated cost). */
  readonly costEstimated: boolean;
  /** The calls priced at the provider's own figure. */
  readonly providerCost: ProviderCostFigures;
  /** Replies that stopped early (max tokens, content filter, refusal...), counted by kind. */
  readonly cutReplies: Readonly<Partial<Record<CutKind, number>>>;
  /**
   * What the cache writes cost over the uncached input rate (simulated in mock mode, like the
   * savings); set against `cacheSavingsPicoUsd` it gives what caching saved net.
   */
  readonly cacheWritePremiumPicoUsd: bigint;
}

/** Aggregates of one (provider, model) pair in a session. Money is integer pico-USD. */
export interface ModelUsageSnapshot extends Omit<UsageTotals, 'costPicoUsd'> {
  readonly provider: string;
  readonly model: string;
  /** Sum of the priced calls' real cost; `null` when no call of this model had a price. */
  readonly costPicoUsd: bigint | null;
  /** True when every call of this model had a price. */
  readonly priced: boolean;
  /** True when any call of this model had estimated (`~`) figures. */
  readonly estimated: boolean;
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
      totals: totals.view(),
      lastCall:
        last === null ? null : Object.freeze({ ...last, usage: Object.freeze({ ...last.usage }) }),
    });
  }
}
