import type { GroupRow } from '../../core/usage/grouped-totals';
import { type SessionRow, sessionEndMs } from '../../core/usage/stored-session';
import { type CallTotals, sumTotals } from '../../core/usage/totals';
import { countOf, formatDuration } from '../text/format';
import { type ReportFormat, renderCsv, renderTitledTable } from '../text/grid';
import { byCostDescending } from './report';
import {
  FIGURE_HEADERS,
  describeRange,
  reportNotes,
  simulatedCostJson,
  TOTALS_CSV_HEADERS,
  totalsCells,
  totalsCsvFields,
} from './report-render';
import { totalsJson } from '../totals-json';
import { terminalSafeJson } from '../../core/terminal-text';

/** One session of `chatmeter usage sessions`: its row and the totals of its selected calls. */
export interface SessionReportRow {
  readonly session: SessionRow;
  readonly totals: CallTotals;
}

/** What `chatmeter usage sessions` shows: the chosen sessions and how many there are in all. */
export interface SessionsReport {
  readonly rows: readonly SessionReportRow[];
  /** Sessions with calls in the selection, shown or not. */
  readonly sessionCount: number;
}

/** The session groups to show, most expensive first, at most `top` (all when undefined). */
export function topSessionGroups(groups: readonly GroupRow[], top: number | undefined): GroupRow[] {
  return [...groups].sort(byCostDescending).slice(0, top);
}

/**
 * The sessions report of the chosen session groups (from {@link topSessionGroups}) joined with
 * their stored sessions (a group without one is left out); `sessionCount` counts every session
 * with calls in the selection.
 */
export function sessionsReport(
  chosen: readonly GroupRow[],
  sessions: ReadonlyMap<string, SessionRow>,
  sessionCount: number,
): SessionsReport {
  const rows = chosen.flatMap((group) => {
    const session = sessions.get(group.key);
    return session ? [{ session, totals: group.totals }] : [];
  });
  return { rows, sessionCount };
}

/** Local (or UTC) `YYYY-MM-DD HH:MM` of an instant. */
export function formatStamp(ms: number, utc: boolean): string {
  const d = new Date(ms);
  const [y, mo, da, h, mi] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${y}-${two(mo)}-${two(da)} ${two(h)}:${two(mi)}`;
}

/** What frames a sessions report. */
export interface SessionsReportContext {
  readonly from: string | null;
  readonly to: string | null;
  readonly includeMock: boolean;
  readonly utc: boolean;
  /**
   * Set when the list was cut to the default number of sessions (no --top or --all): the
   * sessions in the selection, for a line saying how many more there are.
   */
  readonly cutFrom?: number;
}

const HEADERS = ['session', 'started', 'duration', 'mode'];

/** Renders `chatmeter usage sessions` in any format. */
export function renderSessionsReport(
  rows: readonly SessionReportRow[],
  format: ReportFormat,
  context: SessionsReportContext,
): string {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  if (format === 'json') {
    const sessions = rows.map(({ session, totals }) => ({
      sessionId: session.id,
      startedAt: iso(session.startedAtMs),
      endedAt: iso(session.endedAtMs),
      mode: session.mode,
      ...totalsJson(totals, simulatedCostJson(context.includeMock)),
    }));
    return terminalSafeJson(`${JSON.stringify({ from: context.from, to: context.to, sessions }, null, 2)}\n`);
  }
  if (format === 'csv') {
    return renderCsv(
      ['session_id', 'started_at', 'ended_at', 'mode', ...TOTALS_CSV_HEADERS],
      rows.map(({ session, totals }) => [
        session.id,
        iso(session.startedAtMs) ?? '',
        iso(session.endedAtMs) ?? '',
        session.mode,
        ...totalsCsvFields(totals),
      ]),
    );
  }
  const range = describeRange(context.from, context.to);
  if (rows.length === 0) return `No sessions with usage ${range}.\n`;
  const grid = {
    headers: [...HEADERS, ...FIGURE_HEADERS],
    align: [...HEADERS.map(() => 'left' as const), ...FIGURE_HEADERS.map(() => 'right' as const)],
    rows: rows.map(({ session, totals }) => [
      session.id,
      formatStamp(session.startedAtMs, context.utc),
      formatDuration(sessionEndMs(session) - session.startedAtMs),
      session.mode,
      ...totalsCells(totals),
    ]),
  };
  const hidden = (context.cutFrom ?? rows.length) - rows.length;
  const notes = [
    ...reportNotes(sumTotals(rows.map((row) => row.totals)), context.includeMock),
    ...(hidden > 0
      ? [`${countOf(hidden, 'more session')} not shown (add --top N, or --all for every one).`]
      : []),
  ];
  const title = `Sessions ${range}, most expensive first`;
  return renderTitledTable(title, grid, notes, format);
}
