/**
 * `chatmeter usage export`: sends the ledger's calls not sent yet to the OTLP
 * collector (`--otlp`), remembering each one a collector accepted, or writes the same payload as
 * OTLP JSON (`--format otlp-json`). Loads OpenTelemetry only here.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { version } from '../../package.json';
import { errorMessage, UsageError } from '../core/errors';
import { loadSettings } from '../core/config/load';
import { envWithConfigDefaults } from '../core/config/chat-defaults';
import { openLedger } from '../core/ledger/ledger';
import { callsToExport, countRealCalls, markExported } from '../core/ledger/otlp-exports';
import { resolvePaths } from '../core/paths';
import { calendarFor, parseDate } from '../reports/history/period';
import { baseUrlOfEnv } from '../telemetry/attributes';
import { backfillMetrics, otlpJson, sendBackfill } from '../telemetry/backfill';
import { otlpSettingsFromEnv } from '../telemetry/otlp-env';
import type { CommandHandler } from './io';

/** Options of `chatmeter usage export`. */
export interface UsageExportOptions {
  /** Send to the collector of OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly otlp?: boolean;
  /** `otlp-json`: write the payload (to `--output`, else stdout). */
  readonly format?: string;
  readonly output?: string;
  /** First day to include, YYYY-MM-DD. */
  readonly since?: string;
  /** Also calls already exported. */
  readonly all?: boolean;
  readonly utc?: boolean;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Runs `usage export`; 0 done (or nothing to do), 1 the collector refused, 2 bad options. */
export const runUsageExport: CommandHandler<UsageExportOptions> = async (options, io) => {
  if (options.format !== undefined && options.format !== 'otlp-json') {
    throw new UsageError(`--format must be otlp-json (got "${options.format}").`);
  }
  const toFile = options.format === 'otlp-json';
  if (!options.otlp && !toFile) {
    throw new UsageError(
      'Say where the calls go: --otlp sends them to OTEL_EXPORTER_OTLP_ENDPOINT, --format otlp-json writes them (to --output FILE or stdout).',
    );
  }
  if (options.output !== undefined && !toFile) {
    throw new UsageError('--output goes with --format otlp-json.');
  }
  const fromMs =
    options.since === undefined
      ? null
      : calendarFor(options.utc === true).startOf(parseDate(options.since, '--since'));
  const settings = otlpSettingsFromEnv(io.env);
  for (const problem of settings.problems) io.stderr.write(`chatmeter: warning: ${problem}\n`);
  const { ledgerFile } = resolvePaths(io.env);
  if (!existsSync(ledgerFile)) {
    io.stderr.write('Nothing to export: the usage ledger is empty.\n');
    return 0;
  }
  const ledger = openLedger(ledgerFile, { chatmeterVersion: version });
  try {
    const sessions = callsToExport(ledger.db, { fromMs, includeExported: options.all === true });
    // The base URLs a chat would use now (environment, then config): what live telemetry sends.
    const chatEnv = envWithConfigDefaults(io.env, (await loadSettings(io.env)).settings);
    const metrics = await backfillMetrics(sessions, settings, version, (provider) =>
      baseUrlOfEnv(chatEnv, provider),
    );
    const calls = sessions.flatMap((session) => session.calls.map((call) => call.callId));
    if (metrics === null) {
      const since = options.since ? ` since ${options.since}` : '';
      io.stderr.write(
        countRealCalls(ledger.db, fromMs) === 0
          ? `Nothing to export: the usage ledger has no real calls${since} (mock calls are never exported).\n`
          : `Nothing to export: every real call${since} was sent already (--all sends them again).\n`,
      );
      return 0;
    }
    const what = `${count(calls.length, 'call', 'calls')} of ${count(sessions.length, 'session', 'sessions')}`;
    if (toFile) {
      const json = `${otlpJson(metrics)}\n`;
      if (options.output === undefined) io.stdout.write(json);
      else {
        try {
          writeFileSync(options.output, json);
        } catch (error) {
          throw new UsageError(`Cannot write ${options.output}: ${errorMessage(error)}.`);
        }
        io.stderr.write(`Wrote ${what} as OTLP JSON to ${options.output}.\n`);
      }
    }
    if (!options.otlp) return 0;
    const failure = await sendBackfill(metrics, settings);
    if (failure !== null) {
      io.stderr.write(
        failure.refused
          ? `chatmeter: the collector at ${settings.displayUrl} refused the data (${failure.reason}); nothing was marked as sent: check OTEL_EXPORTER_OTLP_ENDPOINT (or ..._METRICS_ENDPOINT) and OTEL_EXPORTER_OTLP_HEADERS, then run it again.\n`
          : `chatmeter: could not export to ${settings.displayUrl} (${failure.reason}); nothing was marked as sent: run it again once the collector is up.\n`,
      );
      return 1;
    }
    markExported(ledger.db, calls, Date.now());
    io.stderr.write(`Exported ${what} to ${settings.displayUrl}.\n`);
    return 0;
  } finally {
    ledger.close();
  }
};
