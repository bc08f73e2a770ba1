import type { SessionSummary } from '../../core/usage/summary';
import type { UsageSnapshot } from '../../core/usage/tracker';
import wrapAnsi from 'wrap-ansi';
import { formatDuration } from '../text/format';
import { paint } from '../text/paint';
import { renderSessionSummaryCsv } from './summary-csv';
import { sessionSummaryJson } from './summary-json';
import { renderSessionSummaryMarkdown } from './summary-markdown';
import { noteLine, summaryNotes } from './summary-notes';
import { renderUsageTable, type TextRenderOptions } from './model-table';
import { terminalSafeJson } from '../../core/terminal-text';

/** Output formats of a session summary. */
export type SummaryFormat = 'table' | 'json' | 'csv' | 'markdown';

function renderTable(summary: SessionSummary, options: TextRenderOptions): string {
  const p = paint(options.color);
  const mock = summary.mode === 'mock' ? ` ${p.yellow('MOCK')}` : '';
  const header = `${p.bold(`Session ${summary.sessionId}`)}  ${formatDuration(summary.durationMs)}${mock}`;
  const body =
    summary.models.length === 0 ? p.dim('No calls.') : renderUsageTable(summary, options);
  const notes = renderSummaryNotes(summary, options);
  return `${[header, body, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n')}\n`;
}

/**
 * The notes under a usage table (cache savings, unpriced models, estimates, mock mode), one
 * string each: warnings in yellow, the rest dim, wrapped at word boundaries to `options.width`
 * so a narrow terminal never splits a word. Shared by the exit summary and `/usage`.
 */
export function renderSummaryNotes(
  snapshot: UsageSnapshot,
  options: TextRenderOptions,
): string[] {
  const p = paint(options.color);
  const fit = (line: string) =>
    options.width === undefined ? line : wrapAnsi(line, options.width, { hard: true });
  return summaryNotes(snapshot).map((note) =>
    note.level === 'warn' ? p.yellow(fit(noteLine(note))) : p.dim(fit(noteLine(note))),
  );
}

/**
 * Renders a session summary (the exit summary, `usage show`) in one of four formats; the text
 * ends with a newline. `table`: a header with session id and duration, the per-model table with
 * totals, then notes (cache savings, unpriced models with how to add a price, `~` estimated
 * figures, mock mode). `json`: the DESIGN §4 shape, money as exact decimal strings. `csv`: one
 * row per model. `markdown`: a table. `options` only affects `table` (colour, terminal width).
 */
export function renderSessionSummary(
  summary: SessionSummary,
  format: SummaryFormat,
  options: TextRenderOptions,
): string {
  switch (format) {
    case 'table':
      return renderTable(summary, options);
    case 'json':
      return terminalSafeJson(`${JSON.stringify(sessionSummaryJson(summary), null, 2)}\n`);
    case 'csv':
      return renderSessionSummaryCsv(summary);
    case 'markdown':
      return renderSessionSummaryMarkdown(summary);
    default: {
      const unknown: never = format;
      throw new Error(`unknown summary format: ${String(unknown)}`);
    }
  }
}
