import { errorMessage } from '../errors';
import type { ModelPrice } from '../pricing/types';
import { levelRank } from './levels';
import {
  blockedMessage,
  type HintContext,
  levelNotice,
  overrunWarning,
  repeatedOverrunWarning,
  unpricedWarning,
} from './messages';
import { dayRange, monthRange, type TimeRange } from './periods';
import {
  estimateCall,
  findOverrun,
  type PreflightDecision,
  type PreflightRequest,
} from './preflight';
import {
  type BudgetLimits,
  type BudgetScope,
  type BudgetState,
  evaluateBudget,
  hasAnyLimit,
  type ScopeSpend,
} from './state';
import type { SessionMode } from '../usage/types';

/** Real spend recorded in the ledger (mock calls and simulated costs never count). */
export interface SpendSource {
  /**
   * Pico-USD spent by calls that ended in `range`, leaving out `excludeSessionId` (this
   * session, which the monitor counts from the tracker). Throws when the ledger cannot be read.
   */
  spentPicoUsd(range: TimeRange, excludeSessionId: string): bigint;
}

/** What a budget change tells its listeners: the new state and notices to show once. */
export interface BudgetUpdate {
  readonly state: BudgetState;
  readonly notices: readonly string[];
}

/** Everything a monitor reads; injected by the services. */
export interface BudgetMonitorOptions {
  readonly sessionId: string;
  readonly limits: BudgetLimits;
  /** Mock sessions never spend real money, so their calls are never refused. */
  readonly mode: SessionMode;
  /** This session's real spend so far (the tracker's snapshot totals), pico-USD. */
  readonly sessionSpentPicoUsd: () => bigint;
  /** Spend of earlier sessions today and this month; null without a ledger (`--no-ledger`). */
  readonly ledger: SpendSource | null;
  /** The price of a model id, undefined when unpriced. */
  readonly priceOf: (model: string) => ModelPrice | undefined;
  /** Tokens in a text (the o200k tokenizer, loaded before the session starts). */
  readonly countTokens: (text: string) => number;
  /** Where messages are shown (changes the "how to raise it" hint). */
  readonly context: HintContext;
  /** Epoch milliseconds; days and months are taken in local time unless `utc`. */
  readonly nowMs?: () => number;
  readonly utc?: boolean;
}

/**
 * Budget state of one session: spend per scope (this session from the tracker; today and this
 * month from the ledger plus this session), levels, one notice per level first reached, and
 * the pre-flight `guard` the chat session runs before each call.
 */
export class BudgetMonitor {
  readonly #options: BudgetMonitorOptions;
  readonly #nowMs: () => number;
  readonly #listeners = new Set<(update: BudgetUpdate) => void>();
  readonly #notified = new Map<BudgetScope, number>();
  /** Unpriced models already warned about (once each: their calls cannot be checked). */
  readonly #unpricedWarned = new Set<string>();
  /** Scopes whose warn-mode overrun was explained in full (later ones get one short line). */
  readonly #overrunExplained = new Set<BudgetScope>();
  #limits: BudgetLimits;
  /** Ledger spend per range, kept between updates so a status bar redraw costs no query. */
  readonly #ledgerCache = new Map<string, bigint>();
  /** A ledger read failure not yet told; `shown` once told (it is told once per session). */
  #ledgerProblem: string | 'shown' | null = null;

  constructor(options: BudgetMonitorOptions) {
    this.#options = options;
    this.#limits = options.limits;
    this.#nowMs = options.nowMs ?? Date.now;
  }

  /** The limits in force (the session limit may have been changed with `/budget`). */
  get limits(): BudgetLimits {
    return this.#limits;
  }

  /** Whether any scope has a limit (without one the monitor never warns or refuses). */
  get active(): boolean {
    return hasAnyLimit(this.#limits);
  }

  /** Sets this session's limit in pico-USD (null removes it) and re-evaluates. */
  setSessionLimit(limitPicoUsd: bigint | null): BudgetUpdate {
    this.#limits = { ...this.#limits, session: limitPicoUsd };
    this.#notified.delete('session');
    return this.update();
  }

  /**
   * Real spend per scope now. Earlier spend is read from the ledger once per update (after each
   * call, before each pre-flight check); a ledger that cannot be read counts as 0 (one notice).
   */
  spend(): ScopeSpend {
    const session = this.#options.sessionSpentPicoUsd();
    const now = this.#nowMs();
    const earlier = (range: TimeRange): bigint => {
      const ledger = this.#options.ledger;
      if (!ledger) return 0n;
      const key = `${range.fromMs}-${range.toMs}`;
      const cached = this.#ledgerCache.get(key);
      if (cached !== undefined) return cached;
      try {
        const spent = ledger.spentPicoUsd(range, this.#options.sessionId);
        this.#ledgerCache.set(key, spent);
        return spent;
      } catch (error) {
        this.#ledgerProblem ??= `Budget: could not read earlier spend from the ledger (${errorMessage(error)}); daily and monthly budgets count this session only.`;
        return 0n;
      }
    };
    const periods = { utc: this.#options.utc ?? false };
    const daily = this.#limits.daily === null ? session : session + earlier(dayRange(now, periods));
    const monthly =
      this.#limits.monthly === null ? session : session + earlier(monthRange(now, periods));
    return { session, daily, monthly };
  }

  /** Every limited scope with its level, and the tightest one. */
  state(): BudgetState {
    return evaluateBudget(this.#limits, this.spend());
  }

  /**
   * Re-evaluates (call after each recorded call), tells the listeners, and returns the
   * notices for levels reached for the first time this session (warn, alert, over).
   */
  update(): BudgetUpdate {
    this.#ledgerCache.clear();
    const state = this.state();
    const notices: string[] = [];
    if (this.#ledgerProblem !== null && this.#ledgerProblem !== 'shown') {
      notices.push(this.#ledgerProblem);
      this.#ledgerProblem = 'shown';
    }
    for (const status of state.scopes) {
      const rank = levelRank(status.level);
      if (rank > (this.#notified.get(status.scope) ?? 0)) {
        this.#notified.set(status.scope, rank);
        notices.push(levelNotice(status, status.level));
      }
    }
    const update: BudgetUpdate = { state, notices };
    for (const listener of this.#listeners) listener(update);
    return update;
  }

  /** Calls `listener` on every update; returns the function that stops it. */
  subscribe(listener: (update: BudgetUpdate) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The pre-flight check: a call whose worst case would take a scope over its limit is refused
   * (`block` mode) or sent with a warning (`warn` mode). Mock sessions are always allowed (they
   * spend no real money); so are unpriced models, whose cost is unknown, with one warning each.
   */
  readonly guard = (request: PreflightRequest): PreflightDecision => {
    if (this.#options.mode === 'mock' || !this.active) return { action: 'allow' };
    this.#ledgerCache.clear();
    const estimate = estimateCall(
      request.model,
      this.#options.priceOf(request.model),
      request.promptUsage ? 0 : this.#options.countTokens(request.promptText),
      request.maxOutputTokens,
      request.promptUsage,
    );
    if (estimate.costPicoUsd === null) {
      if (this.#unpricedWarned.has(request.model)) return { action: 'allow' };
      this.#unpricedWarned.add(request.model);
      return { action: 'warn', message: unpricedWarning(request.model) };
    }
    const overrun = findOverrun(this.#limits, this.spend(), estimate);
    if (overrun === null) return { action: 'allow' };
    if (this.#limits.onExceed === 'block') {
      return { action: 'block', message: blockedMessage(overrun, this.#options.context) };
    }
    const { scope } = overrun.status;
    if (this.#overrunExplained.has(scope)) {
      return { action: 'warn', message: repeatedOverrunWarning(overrun) };
    }
    this.#overrunExplained.add(scope);
    return { action: 'warn', message: overrunWarning(overrun, this.#options.context) };
  };
}
