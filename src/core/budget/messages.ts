import { formatUsd } from '../pricing/money';
import type { BudgetLevel } from './levels';
import type { Overrun } from './preflight';
import type { BudgetScope, BudgetState, ScopeStatus } from './state';

/**
 * Where the messages are shown: the REPL knows `/budget`, one-shot runs do not, and a call
 * refused by `chatmeter proxy` is read in another tool, whose request sets its own output cap.
 */
export type HintContext = 'interactive' | 'one-shot' | 'proxy';

/** Names of the scopes as the user reads them. */
export const SCOPE_LABELS: Readonly<Record<BudgetScope, string>> = {
  session: 'session budget',
  daily: 'daily budget',
  monthly: 'monthly budget',
};

/** The setting that holds each scope's limit. */
export const SCOPE_SETTING: Readonly<Record<BudgetScope, string>> = {
  session: 'budget.sessionUsd',
  daily: 'budget.dailyUsd',
  monthly: 'budget.monthlyUsd',
};

/** How to raise a scope's limit, e.g. "/budget <usd>, --budget <usd> or `chatmeter config set ...`". */
export function raiseHint(scope: BudgetScope, context: HintContext): string {
  const config = `\`chatmeter config set ${SCOPE_SETTING[scope]} <usd>\``;
  if (scope !== 'session') return config;
  if (context === 'proxy') return `\`chatmeter proxy --budget <usd>\` or ${config}`;
  return context === 'interactive'
    ? `/budget <usd>, --budget <usd> or ${config}`
    : `--budget <usd> or ${config}`;
}

/** How to make a call's worst case smaller. */
function capHint(context: HintContext): string {
  return context === 'proxy'
    ? "lower the request's max output tokens"
    : 'cap the reply with --max-tokens <n>';
}

/** Whole percent of the limit spent, rounded down (a limit of 0 reads 100%). */
export function percentSpent(status: ScopeStatus): bigint {
  if (status.limitPicoUsd === 0n) return 100n;
  return (status.spentPicoUsd * 100n) / status.limitPicoUsd;
}

function describeEstimate(overrun: Overrun): string {
  const { estimate } = overrun;
  const tokens = `${estimate.promptTokens.toLocaleString('en-US')} prompt + ${estimate.maxOutputTokens.toLocaleString('en-US')} max output tokens on ${estimate.model}`;
  return `up to ${formatUsd(estimate.costPicoUsd)} (${tokens})`;
}

function describeScope(status: ScopeStatus): string {
  return `the ${SCOPE_LABELS[status.scope]} has ${formatUsd(status.remainingPicoUsd)} left (${formatUsd(status.spentPicoUsd)} spent of ${formatUsd(status.limitPicoUsd)})`;
}

/** The message of a call refused in block mode: the estimate, the limit and how to raise it. */
export function blockedMessage(overrun: Overrun, context: HintContext): string {
  return `Budget: not sent. This call could cost ${describeEstimate(overrun)} and ${describeScope(overrun.status)}. Raise it with ${raiseHint(overrun.status.scope, context)}, or ${capHint(context)}.`;
}

/** The warning of a call sent anyway in warn mode. */
export function overrunWarning(overrun: Overrun, context: HintContext): string {
  return `Budget: this call could cost ${describeEstimate(overrun)} and ${describeScope(overrun.status)}; sent anyway (budget.onExceed is "warn"). Raise it with ${raiseHint(overrun.status.scope, context)}, or ${capHint(context)}.`;
}

/** The warning of a later call over the same scope in warn mode: the figures, without the how-to. */
export function repeatedOverrunWarning(overrun: Overrun): string {
  return `Budget: this call could cost up to ${formatUsd(overrun.estimate.costPicoUsd ?? 0n)} and the ${SCOPE_LABELS[overrun.status.scope]} has ${formatUsd(overrun.status.remainingPicoUsd)} left; sent anyway.`;
}

/** The one-time warning that a model without a price cannot be checked against budgets. */
export function unpricedWarning(model: string): string {
  return `Budget: ${model} has no price, so its calls cannot be checked against your budgets and do not count toward them. Add a price with --pricing FILE or \`chatmeter config set pricing '{"models":{...}}'\`.`;
}

/** The one-time notice when a scope first reaches `level` (warn, alert or over). */
export function levelNotice(status: ScopeStatus, level: BudgetLevel): string {
  const figures = `${formatUsd(status.spentPicoUsd)} of ${formatUsd(status.limitPicoUsd)} spent (${percentSpent(status)}%)`;
  const label = SCOPE_LABELS[status.scope];
  switch (level) {
    case 'over':
      return status.limitPicoUsd === 0n
        ? `Budget: the ${label} is $0, so no spending is allowed (${formatUsd(status.spentPicoUsd)} spent).`
        : `Budget: the ${label} is used up: ${figures}.`;
    case 'alert':
      return `Budget: the ${label} is nearly used up: ${figures}.`;
    case 'warn':
      return `Budget: the ${label} is ${percentSpent(status)}% used: ${formatUsd(status.spentPicoUsd)} of ${formatUsd(status.limitPicoUsd)} spent.`;
    case 'ok':
      return `Budget: the ${label} is fine: ${figures}.`;
    default: {
      const never: never = level;
      throw new Error(`unknown budget level ${String(never)}`);
    }
  }
}

const SCOPE_SHORT: Readonly<Record<BudgetScope, string>> = {
  session: 'session',
  daily: 'today',
  monthly: 'month',
};

/** A budget's state as a status bar shows it: its level, coloured, and a short text. */
export interface BudgetBadge {
  readonly state: BudgetLevel;
  /** Short text, e.g. `budget 62% today`. */
  readonly text: string;
}

/** The status bar's budget badge: the tightest scope's level and `budget 62% today`; null without limits. */
export function budgetBadge(state: BudgetState): BudgetBadge | null {
  const tightest = state.tightest;
  if (!tightest) return null;
  return {
    state: tightest.level,
    text: `budget ${percentSpent(tightest)}% ${SCOPE_SHORT[tightest.scope]}`,
  };
}
