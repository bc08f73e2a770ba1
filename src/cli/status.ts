import { existsSync } from 'node:fs';
import { version } from '../../package.json';
import { ledgerSpendSource } from '../core/budget/ledger-spend';
import { dayRange, monthRange } from '../core/budget/periods';
import { percentSpent } from '../core/budget/messages';
import { type BudgetState, evaluateBudget, limitsFromSettings } from '../core/budget/state';
import { loadSettings } from '../core/config/load';
import { UsageError } from '../core/errors';
import { openLedger } from '../core/ledger/ledger';
import { type SessionSpend, sessionSpend } from '../core/ledger/session-spend';
import { resolvePaths } from '../core/paths';
import { readProxyStates } from '../proxy/state-file';
import { renderStatusJson, renderStatusLine, type StatusFigures } from '../reports/history/status-line';
import type { CommandHandler } from './io';

/** Options of `chatmeter status`. */
export interface StatusOptions {
  readonly format: string;
}

/** Today's and this month's spend, and each session's in `sessionIds`, from the ledger (zeros without one). */
function readSpend(file: string, nowMs: number, sessionIds: readonly string[]) {
  const sessions = new Map<string, SessionSpend>();
  if (!existsSync(file)) return { today: 0n, month: 0n, sessions };
  const ledger = openLedger(file, { chatmeterVersion: version });
  try {
    const spend = ledgerSpendSource(ledger.db);
    for (const id of sessionIds) sessions.set(id, sessionSpend(ledger.db, id));
    return {
      today: spend.spentPicoUsd(dayRange(nowMs), ''),
      month: spend.spentPicoUsd(monthRange(nowMs), ''),
      sessions,
    };
  } finally {
    ledger.close();
  }
}

/** Percent of its session limit a state's session scope has spent; -1 without one. */
function sessionPercent(state: BudgetState): bigint {
  const session = state.scopes.find((status) => status.scope === 'session');
  return session ? percentSpent(session) : -1n;
}

/**
 * `chatmeter status [--format line|json]`: one line for shell prompts and status bars (spend
 * today and this month, the tightest budget, each running proxy's session). Loads neither ink
 * nor an SDK. Exits 2 on a bad format, 1 when the ledger cannot be read.
 */
export const runStatus: CommandHandler<StatusOptions> = async (options, io) => {
  if (options.format !== 'line' && options.format !== 'json') {
    throw new UsageError(`--format must be line or json (got "${options.format}").`);
  }
  const nowMs = Date.now();
  const paths = resolvePaths(io.env);
  const { settings } = await loadSettings(io.env);
  const running = readProxyStates(paths.dataDir);
  const inLedger = running.filter((proxy) => proxy.unrecorded === null).map((proxy) => proxy.sessionId);
  const spend = readSpend(paths.ledgerFile, nowMs, inLedger);
  const proxies = running.map((proxy) => ({
    origin: proxy.origin,
    sessionId: proxy.sessionId,
    // A --no-ledger proxy keeps its own figures in its state file.
    ...(proxy.unrecorded ?? spend.sessions.get(proxy.sessionId) ?? { calls: 0, costPicoUsd: 0n }),
  }));
  const limits = limitsFromSettings(settings.budget);
  const scopes = (session: bigint | null, sessionPicoUsd: bigint) =>
    evaluateBudget(
      { ...limits, session },
      { session: sessionPicoUsd, daily: spend.today, monthly: spend.month },
    );
  // The session budget (a proxy's --budget, else the settings') applies to a running proxy's
  // session; with several, the one closest to its limit is shown. Other scopes always apply.
  const budgets = running.map((proxy, index) =>
    scopes(proxy.sessionBudgetPicoUsd ?? limits.session, proxies[index]!.costPicoUsd),
  );
  const budget = budgets.reduce<BudgetState>(
    (tightest, state) => (sessionPercent(state) > sessionPercent(tightest) ? state : tightest),
    scopes(null, 0n),
  );
  const figures: StatusFigures = { todayPicoUsd: spend.today, monthPicoUsd: spend.month, budget, proxies };
  io.stdout.write(options.format === 'json' ? renderStatusJson(figures) : renderStatusLine(figures));
  return 0;
};
