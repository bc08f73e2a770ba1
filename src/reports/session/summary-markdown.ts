import type { SessionSummary } from '../../core/usage/summary';
import { sanitizeTerminalLine } from '../../core/terminal-text';
import { formatDuration } from '../text/format';
import { type SummaryNote, summaryNotes } from './summary-notes';
import { markdownCell } from '../text/grid';
import {
  TEXT_COLUMNS,
  type UsageColumn,
  type UsageRowCells,
  usageTableCells,
} from './model-table-cells';

/** Text outside a table: Markdown punctuation that could change meaning is escaped. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_~[\]<>|]/g, (c) => `\\${c}`);
}

/** A code span that survives backticks inside `code`. */
function codeSpan(code: string): string {
  const fence = code.includes('`') ? '``' : '`';
  return `${fence}${code.startsWith('`') || code.endsWith('`') ? ` ${code} ` : code}${fence}`;
}

function noteItem(note: SummaryNote): string {
  const command = note.command === undefined ? '' : ` ${codeSpan(note.command)}`;
  return sanitizeTerminalLine(`- ${markdownText(note.text)}${command}`);
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function rowCells(columns: readonly UsageColumn[], row: UsageRowCells, strong: boolean): string[] {
  return columns.map((column) => {
    const cell = markdownCell(row.cells[column]);
    return strong && cell !== '' ? `**${cell}**` : cell;
  });
}

/**
 * A session summary as GitHub-flavoured Markdown: a title line, a table (figures right-aligned,
 * a bold totals row) and the notes as a list.
 */
export function renderSessionSummaryMarkdown(summary: SessionSummary): string {
  const { columns, headers, rows, total } = usageTableCells(summary);
  const title = `**Session ${markdownText(summary.sessionId)}** · ${formatDuration(summary.durationMs)}${summary.mode === 'mock' ? ' · mock' : ''}`;
  const lines = [title, ''];
  if (rows.length === 0) {
    lines.push('No calls.');
  } else {
    lines.push(
      tableRow(columns.map((column) => headers[column])),
      tableRow(columns.map((column) => (TEXT_COLUMNS.has(column) ? ':---' : '---:'))),
      ...rows.map((row) => tableRow(rowCells(columns, row, false))),
      tableRow(rowCells(columns, total, true)),
    );
  }
  const notes = summaryNotes(summary);
  if (notes.length > 0) lines.push('', ...notes.map(noteItem));
  return `${lines.join('\n')}\n`;
}
