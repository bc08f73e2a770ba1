import { existsSync } from 'node:fs';
import { version } from '../../package.json';
import { ledgerSpendSource } from '../core/budget/ledger-spend';
import { dayRange, monthRange } from '../core/budget/periods';
import { evaluateBudget, limitsFromSettings } from '../core/budget/state';
import { loadSettings } from '../core/config/load';
import { UsageError } from '../core/errors';
import { openLedger } from '../core/ledger/ledger';
import { type SessionSpend, sessionSpend } from '../core/ledger/session-spend';
import { resolvePaths } from '../core/paths';
import { proxyStateFile, readProxyState } from '../proxy/state-file';
import { renderStatusJson, renderStatusLine, type StatusFigures } from '../reports/status-line';
import type { CommandHandler } from './io';

/** Options of `chatmeter status`. */
export interface StatusOptions {
  readonly format: string;
}

/** Today's and this month's spend, and a session's, read from the ledger (zeros without one). */
function readSpend(file: string, nowMs: number, sessionId: string | null) {
  if (!existsSync(file)) return { today: 0n, month: 0n, session: { calls: 0, costPicoUsd: 0n } };
  const ledger = openLedger(file, { chatmeterVersion: version });
  try {
    const spend = ledgerSpendSource(ledger.db);
    const session: SessionSpend =
      sessionId === null ? { calls: 0, costPicoUsd: 0n } : sessionSpend(ledger.db, sessionId);
    return {
      today: spend.spentPicoUsd(dayRange(nowMs), ''),
      month: spend.spentPicoUsd(monthRange(nowMs), ''),
      session,
    };
  } finally {
    ledger.close();
  }
}

/**
 * `chatmeter status [--format line|json]`: one line for shell prompts and status bars (spend
 * today and this month, the tightest budget, the running proxy's session). Loads neither ink
 * nor an SDK. Exits 2 on a bad format, 1 when the ledger cannot be read.
 */
export const runStatus: CommandHandler<StatusOptions> = async (options, io) => {
  if (options.format !== 'line' && options.format !== 'json') {
    throw new UsageError(`--format must be line or json (got "${options.format}").`);
  }
  const nowMs = Date.now();
  const paths = resolvePaths(io.env);
  const { settings } = await loadSettings(io.env);
  const proxy = readProxyState(proxyStateFile(paths.dataDir));
  const spend = readSpend(paths.ledgerFile, nowMs, proxy?.sessionId ?? null);
  const limits = limitsFromSettings(settings.budget);
  const figures: StatusFigures = {
    todayPicoUsd: spend.today,
    monthPicoUsd: spend.month,
    // The session budget applies to a running proxy's session; other scopes always apply.
    budget: evaluateBudget(proxy ? limits : { ...limits, session: null }, {
      session: spend.session.costPicoUsd,
      daily: spend.today,
      monthly: spend.month,
    }),
    proxy: proxy && { origin: proxy.origin, sessionId: proxy.sessionId, ...spend.session },
  };
  io.stdout.write(options.format === 'json' ? renderStatusJson(figures) : renderStatusLine(figures));
  return 0;
};
