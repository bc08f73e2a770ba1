import { randomUUID } from 'node:crypto';
import { version } from '../../package.json';
import { setUpBudget } from '../core/budget/setup';
import { lazyTokenEstimator } from '../core/tokens/estimate';
import { loadSettings } from '../core/config/load';
import { ConfigError, errorMessage } from '../core/errors';
import { deferLedgerRecording } from '../core/ledger/recording';
import { resolvePaths } from '../core/paths';
import { loadPriceTable } from '../core/pricing/table';
import { configPricingOptions } from '../core/config/price-table';
import { callCount } from '../core/usage/totals';
import { summarizeSession } from '../core/usage/summary';
import { SessionUsageTracker, type UsageSnapshot } from '../core/usage/tracker';
import type { CallRecord } from '../core/usage/types';
import { Reservations, usedUpMessage } from '../proxy/budget';
import { type RunningProxy, startProxy } from '../proxy/server';
import type { ProxySettings } from '../proxy/types';
import { renderSessionSummary } from '../reports/session/summary';
import type { CommandHandler } from './io';
import {
  banner,
  isLoopback,
  keepProxyState,
  openTodaySpend,
  settingsOf,
  upstreamWarning,
} from './proxy-setup';
import { ProxyView } from './proxy-view';

/** Options of `chatmeter proxy`, as parsed from the command line. */
export interface ProxyOptions {
  readonly port: number;
  readonly host: string;
  readonly openaiUpstream: string;
  readonly anthropicUpstream: string;
  readonly tag?: string;
  readonly forceUsage?: boolean;
  readonly token?: string;
  readonly budget?: string;
  readonly pricing?: string;
  /** Seconds to wait for the upstream's next byte. */
  readonly upstreamTimeout: number;
  /** False with `--no-ledger`. */
  readonly ledger: boolean;
  /** False with `--no-color`. */
  readonly color: boolean;
}

/** A snapshot whose total cost also counts `reservedPicoUsd` (calls in flight). */
function withReserved(snapshot: UsageSnapshot, reservedPicoUsd: bigint): UsageSnapshot {
  if (reservedPicoUsd === 0n) return snapshot;
  const costPicoUsd = snapshot.totals.costPicoUsd + reservedPicoUsd;
  return { ...snapshot, totals: { ...snapshot.totals, costPicoUsd } };
}

/** Ctrl+C is how the proxy is meant to stop (0); SIGTERM and SIGHUP exit as usual. */
const SIGNAL_EXIT_CODES = { SIGINT: 0, SIGTERM: 143, SIGHUP: 129 } as const;

function waitForSignal(): Promise<number> {
  return new Promise((resolve) => {
    const stops = Object.entries(SIGNAL_EXIT_CODES).map(([name, code]) => {
      const onSignal = () => {
        for (const stop of stops) stop();
        resolve(code);
      };
      process.once(name, onSignal);
      return () => process.removeListener(name, onSignal);
    });
  });
}

async function listen(settings: ProxySettings, start: () => Promise<RunningProxy>) {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new ConfigError(
        `Port ${settings.port} on ${settings.host} is in use; choose another with --port <n> (0 picks a free one).`,
      );
    }
    throw new ConfigError(`Cannot listen on ${settings.host}:${settings.port} (${String(code ?? error)}).`);
  }
}

/**
 * `chatmeter proxy`: a local OpenAI- and Anthropic-compatible proxy that meters every call of
 * any client into the ledger (one ledger session per run), enforces the budgets, prints a line
 * per call, and the session summary (per model and per tool) on Ctrl+C or SIGTERM.
 * Exit: 0 after Ctrl+C, 143/129 after SIGTERM/SIGHUP, 2 for bad options or a busy port.
 */
export const runProxy: CommandHandler<ProxyOptions> = async (options, io) => {
  const settings = settingsOf(options, io.env);
  const loaded = await loadSettings(io.env);
  for (const problem of loaded.problems) io.stderr.write(`chatmeter: warning: ${problem}\n`);
  const priceTable = await loadPriceTable({
    pricingFile: options.pricing,
    ...configPricingOptions(loaded),
  });
  const color = options.color && io.stdout.isTTY === true && !io.env.NO_COLOR;
  const sessionId = randomUUID();
  const startedAtMs = Date.now();
  const tracker = new SessionUsageTracker({ sessionId, startedAtMs, mode: 'real' });
  const view = new ProxyView(io.stdout, io.stderr, color, tracker);
  const paths = resolvePaths(io.env);
  // Opened once the port is bound, so a busy port leaves no empty session in the ledger.
  const recording =
    options.ledger && loaded.settings.ledger
      ? deferLedgerRecording(paths.ledgerFile, { chatmeterVersion: version, sessionId, mode: 'real', startedAtMs })
      : null;
  const estimator = lazyTokenEstimator();
  const reservations = new Reservations();
  let checking = false;
  /** Runs a budget check that counts the calls in flight. */
  const withCallsInFlight = <T>(check: () => T): T => {
    checking = true;
    try {
      return check();
    } finally {
      checking = false;
    }
  };
  const budget = await setUpBudget({
    settings: loaded.settings.budget,
    sessionBudgetUsd: options.budget,
    sessionId,
    mode: 'real',
    // The session's spend as the budget's checks see it: recorded calls plus the worst case of
    // those in flight, so calls sent side by side cannot together pass a block-mode limit. The
    // badge and the level notices show recorded spend only.
    tracker: {
      snapshot: () => withReserved(tracker.snapshot(), checking ? reservations.totalPicoUsd : 0n),
      subscribe: (listener) => tracker.subscribe(listener),
    },
    priceTable,
    ledgerFile: paths.ledgerFile,
    chatmeterVersion: version,
    context: 'proxy',
    estimator,
  });
  view.budget = budget.monitor;
  budget.monitor.subscribe((update) => {
    for (const message of update.notices) view.show({ type: 'warning', message });
  });
  budget.monitor.update();
  const sinks = [...(recording ? [recording.sink] : []), tracker, view];
  // Each sink on its own: a ledger that fails to write still leaves the call in the totals.
  const record = (call: CallRecord) => {
    for (const sink of sinks) {
      try {
        sink.record(call);
      } catch (error) {
        view.show({ type: 'warning', message: `Could not record a call: ${errorMessage(error)}` });
      }
    }
  };
  let proxy: RunningProxy;
  try {
    proxy = await listen(settings, () =>
      startProxy(settings, {
        sessionId,
        priceTable,
        estimator,
        guard: budget.monitor.active
          ? (request) => withCallsInFlight(() => budget.monitor.guard(request))
          : null,
        reservations,
        usedUp: () => withCallsInFlight(() => usedUpMessage(budget.monitor)),
        record,
        report: (event) => view.show(event),
      }),
    );
  } catch (error) {
    budget.close();
    throw error;
  }
  const warning = recording
    ? recording.open()
    : 'The ledger is off: calls are metered in memory only.';
  if (warning) io.stderr.write(`chatmeter: warning: ${warning}\n`);
  const today = recording && warning === null ? openTodaySpend(paths.ledgerFile) : null;
  if (today) view.todaySpent = today.read;
  const ledgerOn = recording !== null && warning === null;
  const state = keepProxyState(
    paths.dataDir,
    {
      pid: process.pid,
      sessionId,
      origin: proxy.origin,
      startedAtMs,
      sessionBudgetPicoUsd: options.budget === undefined ? null : budget.monitor.limits.session,
    },
    ledgerOn
      ? null
      : () => {
          const { totals } = tracker.snapshot();
          return { calls: callCount(totals), costPicoUsd: totals.costPicoUsd };
        },
    (message) => io.stderr.write(`chatmeter: warning: ${message}\n`),
  );
  sinks.push({ record: () => state.update() });
  io.stdout.write(banner(proxy.origin, settings, sessionId, ledgerOn));
  const upstream = upstreamWarning(settings);
  if (upstream) io.stderr.write(`chatmeter: warning: ${upstream}\n`);
  if (!isLoopback(settings.host)) {
    io.stderr.write(
      `chatmeter: warning: listening on ${settings.host}: other machines can reach this proxy; every request must carry the token.\n`,
    );
  }
  const code = await waitForSignal();
  await proxy.close();
  state.remove();
  const summary = summarizeSession(tracker.snapshot(), Date.now());
  io.stdout.write(`\n${renderSessionSummary(summary, 'table', { color, width: io.stdout.columns })}`);
  const tools = view.toolTable();
  if (tools) io.stdout.write(`\nBy tool\n\n${tools}`);
  budget.close();
  today?.close();
  const closing = recording?.close();
  if (closing) io.stderr.write(`chatmeter: warning: ${closing}\n`);
  return code;
};
