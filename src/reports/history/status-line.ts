import { budgetBadge, percentSpent } from '../../core/budget/messages';
import type { BudgetState } from '../../core/budget/state';
import { picoToUsdString } from '../../core/pricing/money';
import { countOf, formatCost } from '../text/format';

/** What `chatmeter status` shows. Money is integer pico-USD. */
export interface StatusFigures {
  /** Real spend of every call that ended today (local time). */
  readonly todayPicoUsd: bigint;
  /** Real spend this calendar month. */
  readonly monthPicoUsd: bigint;
  /** The budget scopes with a limit; `tightest` is null without any. */
  readonly budget: BudgetState;
  /** Each running proxy and its session's figures, oldest first (none when none runs). */
  readonly proxies: readonly ProxyFigures[];
}

/** A running proxy and its session's calls and real spend so far. */
export interface ProxyFigures {
  readonly origin: string;
  readonly sessionId: string;
  readonly calls: number;
  /** Pico-USD; unpriced calls add nothing. */
  readonly costPicoUsd: bigint;
}

/** One line for a shell prompt or a status bar: `today $1.20 · month $14.02 · budget 62% today · proxy :8787 3 calls $0.40`. */
export function renderStatusLine(status: StatusFigures): string {
  const parts = [`today ${formatCost(status.todayPicoUsd)}`, `month ${formatCost(status.monthPicoUsd)}`];
  const badge = budgetBadge(status.budget);
  if (badge) parts.push(badge.text);
  for (const proxy of status.proxies) {
    const port = new URL(proxy.origin).port;
    parts.push(`proxy :${port} ${countOf(proxy.calls, 'call')} ${formatCost(proxy.costPicoUsd)}`);
  }
  return `${parts.join(' · ')}\n`;
}

/** The same figures as one JSON object, money as exact decimal USD strings. */
export function renderStatusJson(status: StatusFigures): string {
  const json = {
    todayUsd: picoToUsdString(status.todayPicoUsd),
    monthUsd: picoToUsdString(status.monthPicoUsd),
    budget: status.budget.scopes.map((scope) => ({
      scope: scope.scope,
      level: scope.level,
      spentUsd: picoToUsdString(scope.spentPicoUsd),
      limitUsd: picoToUsdString(scope.limitPicoUsd),
      percent: Number(percentSpent(scope)),
    })),
    proxies: status.proxies.map((proxy) => ({
      origin: proxy.origin,
      sessionId: proxy.sessionId,
      calls: proxy.calls,
      costUsd: picoToUsdString(proxy.costPicoUsd),
    })),
  };
  return `${JSON.stringify(json)}\n`;
}
