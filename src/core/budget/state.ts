import type { BudgetSettings } from '../config/settings';
import { usdToPicoUsd } from '../pricing/money';
import { type BudgetLevel, exactFraction, levelOf, levelRank, type Thresholds } from './levels';

/** The scopes a budget applies to: this session, today and this month (local time). */
export type BudgetScope = 'session' | 'daily' | 'monthly';

/** Every scope, in display order. */
export const BUDGET_SCOPES: readonly BudgetScope[] = ['session', 'daily', 'monthly'];

/** Limits in pico-USD (`null`: no limit for that scope) and how to react to them. */
export interface BudgetLimits {
  readonly session: bigint | null;
  readonly daily: bigint | null;
  readonly monthly: bigint | null;
  readonly thresholds: Thresholds;
  readonly onExceed: 'warn' | 'block';
}

/** Real spend per scope in pico-USD (mock and simulated costs never included). */
export type ScopeSpend = Readonly<Record<BudgetScope, bigint>>;

/** One limited scope at one moment. */
export interface ScopeStatus {
  readonly scope: BudgetScope;
  readonly spentPicoUsd: bigint;
  readonly limitPicoUsd: bigint;
  /** `limit - spent`, never below 0. */
  readonly remainingPicoUsd: bigint;
  readonly level: BudgetLevel;
}

/** Every limited scope and the tightest of them (null when no limit is set). */
export interface BudgetState {
  /** Only the scopes that have a limit, in display order. */
  readonly scopes: readonly ScopeStatus[];
  readonly tightest: ScopeStatus | null;
}

/**
 * Converts budget settings (USD numbers) into exact limits.
 * @throws UsageError when an amount has more than 12 decimals.
 */
export function limitsFromSettings(budget: BudgetSettings): BudgetLimits {
  const pico = (usd: number | null) => (usd === null ? null : usdToPicoUsd(usd));
  return {
    session: pico(budget.sessionUsd),
    daily: pico(budget.dailyUsd),
    monthly: pico(budget.monthlyUsd),
    thresholds: { warnAt: exactFraction(budget.warnAt), alertAt: exactFraction(budget.alertAt) },
    onExceed: budget.onExceed,
  };
}

/** True when at least one scope has a limit. */
export function hasAnyLimit(limits: BudgetLimits): boolean {
  return BUDGET_SCOPES.some((scope) => limits[scope] !== null);
}

/** The status of one scope given its limit and spend. */
export function scopeStatus(
  scope: BudgetScope,
  limitPicoUsd: bigint,
  spentPicoUsd: bigint,
  thresholds: Thresholds,
): ScopeStatus {
  const remaining = limitPicoUsd - spentPicoUsd;
  return {
    scope,
    spentPicoUsd,
    limitPicoUsd,
    remainingPicoUsd: remaining > 0n ? remaining : 0n,
    level: levelOf(spentPicoUsd, limitPicoUsd, thresholds),
  };
}

/**
 * Whether `a` is tighter than `b`: a more severe level, or at the same level a larger share of
 * its limit spent (compared exactly: spentA / limitA > spentB / limitB).
 */
function tighter(a: ScopeStatus, b: ScopeStatus): boolean {
  const rankA = levelRank(a.level);
  const rankB = levelRank(b.level);
  if (rankA !== rankB) return rankA > rankB;
  return a.spentPicoUsd * b.limitPicoUsd > b.spentPicoUsd * a.limitPicoUsd;
}

/** Evaluates every limited scope and picks the tightest. */
export function evaluateBudget(limits: BudgetLimits, spend: ScopeSpend): BudgetState {
  const scopes: ScopeStatus[] = [];
  for (const scope of BUDGET_SCOPES) {
    const limit = limits[scope];
    if (limit !== null) scopes.push(scopeStatus(scope, limit, spend[scope], limits.thresholds));
  }
  let tightest: ScopeStatus | null = null;
  for (const status of scopes) {
    if (tightest === null || tighter(status, tightest)) tightest = status;
  }
  return { scopes, tightest };
}
