import { existsSync, writeFileSync } from 'node:fs';
import { version } from '../../package.json';
import { loadSettings } from '../core/config/load';
import { CostLimitError, errorMessage, UsageError } from '../core/errors';
import { LedgerError } from '../core/ledger/errors';
import { type Ledger, openLedger, openLedgerSnapshot } from '../core/ledger/ledger';
import { hasCalls, mockCallCount, type Selection, selectionTotals } from '../core/ledger/queries';
import { callsOfSession, findSession } from '../core/ledger/sessions';
import { sessionEndMs } from '../core/usage/stored-session';
import { type CallTotals, callCount } from '../core/usage/totals';
import { resolvePaths } from '../core/paths';
import { picoToUsdString, usdToPicoUsd } from '../core/pricing/money';
import { summaryFromCalls } from '../core/usage/summary';
import { countOf } from '../reports/text/format';
import { renderCacheReport } from '../reports/history/cache';
import { REPORT_FORMATS, type ReportFormat } from '../reports/text/grid';
import { calendarFor, type DateRange, resolveRange } from '../reports/history/period';
import { REPORT_GROUPS, type ReportBy } from '../reports/history/report';
import { renderUsageReport } from '../reports/history/report-render';
import { renderSessionsReport } from '../reports/history/sessions';
import type { CommandHandler, Io } from './io';
import type { UsageCommand, UsageReportOptions } from './options';
import { buildUsageReport, cacheReport, sessionsReport } from './usage-reports';

/** Sessions a `usage sessions` table shows without --top or --all. */
export const DEFAULT_TOP_SESSIONS = 20;

function choice<T extends string>(
  value: string | undefined,
  choices: readonly T[],
  option: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${choices.join(', ')} (got "${value}").`);
}

/**
 * Opens the ledger for a report: a missing file reads as an empty ledger (nothing is created);
 * one in a folder that cannot be written is read as a snapshot. Throws the first LedgerError.
 */
function openForReport(file: string): Ledger {
  if (!existsSync(file)) return openLedger(':memory:', { chatmeterVersion: version });
  try {
    return openLedger(file, { chatmeterVersion: version });
  } catch (error) {
    if (!(error instanceof LedgerError) || !/readonly|read-only|permission/i.test(error.message)) {
      throw error;
    }
    try {
      return openLedgerSnapshot(file, { chatmeterVersion: version });
    } catch {
      // The first error says what is wrong with the folder; the snapshot's adds nothing.
      throw error;
    }
  }
}

/** The report's selection and its totals, each read from the ledger at most once. */
interface SelectedCalls {
  readonly selection: Selection;
  /** Totals of the selected calls. */
  totals(): CallTotals;
  /** Whether any call is selected (without summing them). */
  hasCalls(): boolean;
  /** Mock calls in the same range (counted whether or not the selection includes them). */
  mockCalls(): number;
}

function selectCalls(ledger: Ledger, selection: Selection): SelectedCalls {
  let totals: CallTotals | undefined;
  let mockCalls: number | undefined;
  let any: boolean | undefined;
  const selected: SelectedCalls = {
    selection,
    totals: () => (totals ??= selectionTotals(ledger.db, selection)),
    hasCalls: () => (any ??= totals ? callCount(totals) > 0 : hasCalls(ledger.db, selection)),
    mockCalls: () => (mockCalls ??= mockCallCount(ledger.db, selection)),
  };
  return selected;
}

/**
 * Table and Markdown readers get a plain sentence when nothing was selected: whether the ledger
 * is empty, or which mock calls were left out.
 */
function emptyExplanation(ledger: Ledger, file: string, selected: SelectedCalls): string | null {
  if (selected.hasCalls()) return null;
  if (!hasCalls(ledger.db, { fromMs: null, toMs: null, includeMock: true })) return `No usage recorded yet (ledger: ${file}).\n`;
  const mock = selected.mockCalls();
  if (mock > 0) {
    const were = mock === 1 ? 'was' : 'were';
    return `No usage in this selection; ${countOf(mock, 'mock call')} ${were} left out (add --include-mock).\n`;
  }
  return null;
}

function emit(io: Io, options: UsageReportOptions, text: string): void {
  if (options.output) {
    try {
      writeFileSync(options.output, text);
    } catch (error) {
      const reason = errorMessage(error);
      throw new UsageError(`Cannot write --output ${options.output} (${reason}).`);
    }
    io.stderr.write(`Report written to ${options.output}\n`);
  } else {
    io.stdout.write(text);
  }
}

async function render(
  ledger: Ledger,
  file: string,
  command: UsageCommand,
  io: Io,
  range: DateRange,
  selected: SelectedCalls,
): Promise<string> {
  const { options } = command;
  const format = choice<ReportFormat>(options.format, REPORT_FORMATS, '--format', 'table');
  const utc = options.utc === true;
  const { selection } = selected;
  const wordy = format === 'table' || format === 'markdown';
  if (command.subcommand === 'show') {
    const session = findSession(ledger.db, command.sessionRef ?? 'last');
    const meta = {
      sessionId: session.id,
      startedAtMs: session.startedAtMs,
      endedAtMs: sessionEndMs(session),
      mode: session.mode,
    };
    const summary = summaryFromCalls(meta, callsOfSession(ledger.db, session.id));
    // Loaded here only: it wraps text with wrap-ansi, whose string-width builds Unicode tables
    // and a segmenter when loaded (about 20 ms that no other report needs).
    const { renderSessionSummary } = await import('../reports/session/summary');
    return renderSessionSummary(summary, format, {
      color: io.stdout.isTTY === true && !io.env.NO_COLOR && !options.output,
      width: io.stdout.columns,
    });
  }
  const empty = wordy ? emptyExplanation(ledger, file, selected) : null;
  if (empty) return empty;
  if (command.subcommand === 'sessions') {
    // Readers of a table get the top sessions unless they ask; JSON and CSV get every one.
    const cut = wordy && options.top === undefined && options.all !== true;
    const top = cut ? DEFAULT_TOP_SESSIONS : options.top;
    const report = sessionsReport(ledger.db, selection, top);
    return renderSessionsReport(report.rows, format, {
      ...range,
      includeMock: selection.includeMock,
      utc,
      ...(cut ? { cutFrom: report.sessionCount } : {}),
    });
  }
  if (command.subcommand === 'cache')
    return renderCacheReport(cacheReport(ledger.db, selection), format, range);
  const by = choice<ReportBy>(options.by, REPORT_GROUPS, '--by', 'day');
  return renderUsageReport(
    buildUsageReport(ledger.db, {
      selection,
      by,
      calendar: calendarFor(utc),
      from: range.from,
      to: range.to,
    }),
    format,
  );
}

/** For table and Markdown reports: a line saying how many mock calls the selection left out. */
function mockNote(command: UsageCommand, selected: SelectedCalls): string {
  const format = command.options.format ?? 'table';
  if (command.subcommand === 'show' || command.options.includeMock) return '';
  if (format !== 'table' && format !== 'markdown') return '';
  const mock = selected.mockCalls();
  return selected.hasCalls() && mock > 0 ? `\n${countOf(mock, 'mock call')} not shown (add --include-mock).\n` : '';
}

/** The line under an empty table or Markdown report when config turned the ledger off. */
const LEDGER_OFF_NOTE =
  'The ledger is off (config ledger false), so nothing new is being recorded; ' +
  'turn it on with `chatmeter config set ledger true`.\n';

/** True when a table or Markdown report (not `show`) selected no call at all. */
function selectedNothing(command: UsageCommand, selected: SelectedCalls): boolean {
  const format = command.options.format ?? 'table';
  if (command.subcommand === 'show' || (format !== 'table' && format !== 'markdown')) return false;
  return !selected.hasCalls();
}

/**
 * `chatmeter usage [sessions|show <id>|cache]`: reports from the usage ledger (DESIGN §6). Loads
 * neither ink nor an SDK. Exits 3 (CostLimitError) when `--fail-over` is exceeded, 2 on bad
 * options, 1 when the ledger cannot be read. An empty table or Markdown report says so when the
 * config turned the ledger off (`ledger false`).
 */
export const runUsageCommand: CommandHandler<UsageCommand> = async (command, io) => {
  const { options } = command;
  const limitPicoUsd = options.failOver === undefined ? null : usdToPicoUsd(options.failOver);
  const range = resolveRange(options, Date.now(), calendarFor(options.utc === true));
  const file = resolvePaths(io.env).ledgerFile;
  const ledgerOff = !(await loadSettings(io.env)).settings.ledger;
  const ledger = openForReport(file);
  try {
    const selected = selectCalls(ledger, {
      fromMs: range.fromMs,
      toMs: range.toMs,
      includeMock: options.includeMock === true,
    });
    const offNote = ledgerOff && selectedNothing(command, selected) ? LEDGER_OFF_NOTE : '';
    const report = await render(ledger, file, command, io, range, selected);
    emit(io, options, report + mockNote(command, selected) + offNote);
    if (limitPicoUsd !== null) {
      const costPicoUsd = selected.totals().costPicoUsd;
      if (costPicoUsd > limitPicoUsd) {
        throw new CostLimitError(
          `The selection cost $${picoToUsdString(costPicoUsd)}, more than --fail-over $${picoToUsdString(limitPicoUsd)}.`,
        );
      }
    }
  } finally {
    ledger.close();
  }
  return 0;
};
