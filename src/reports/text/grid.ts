import { type CsvValue, toCsv } from './csv';
import { displayWidth, pad } from './paint';
import { sanitizeTerminalLine, sanitizeTerminalText } from '../../core/terminal-text';

/** Output formats of `chatmeter usage` and its subcommands. */
export const REPORT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
/** One output format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A table of display text: text columns align left, figures right; `total` is set apart. */
export interface Grid {
  readonly headers: readonly string[];
  readonly align: readonly ('left' | 'right')[];
  readonly rows: readonly (readonly string[])[];
  readonly total?: readonly string[];
}

/** What separates two columns of an aligned table. */
export const COLUMN_GAP = '  ';

/** Column widths of a set of rows, and a function that lays out one row in them. */
export interface ColumnLayout {
  /** Width of each column in terminal columns: its widest cell. */
  readonly widths: readonly number[];
  /**
   * One row padded to the widths (`align` per column, left by default), joined by
   * {@link COLUMN_GAP}, trailing space trimmed.
   */
  line(row: readonly string[]): string;
}

/** Lays out columns over `rows` (the first row sets the column count; usually the header). */
export function alignColumns(
  rows: readonly (readonly string[])[],
  align: readonly ('left' | 'right')[],
): ColumnLayout {
  // One pass over the rows, and each line built as one string: a 10,000-row report made an
  // array of widths per column and an array of padded cells per line.
  const widths = (rows[0] ?? []).map(() => 0);
  for (const row of rows) {
    for (let i = 0; i < widths.length; i++) {
      const width = displayWidth(row[i] ?? '');
      if (width > widths[i]!) widths[i] = width;
    }
  }
  const line = (row: readonly string[]) => {
    let text = '';
    for (let i = 0; i < row.length; i++) {
      if (i > 0) text += COLUMN_GAP;
      text += pad(row[i]!, widths[i]!, align[i] ?? 'left');
    }
    return text.trimEnd();
  };
  return { widths, line };
}

/** The grid as aligned plain text: header, rule, rows, rule, total. Lines end in `\n`. */
export function renderTextTable(grid: Grid): string {
  const all = [grid.headers, ...grid.rows, ...(grid.total ? [grid.total] : [])].map((row) =>
    row.map(sanitizeTerminalLine),
  );
  const { widths, line } = alignColumns(all, grid.align);
  const rule = widths.map((w) => '-'.repeat(w)).join(COLUMN_GAP);
  const lines = [line(all[0]!), rule, ...all.slice(1, 1 + grid.rows.length).map(line)];
  if (grid.total) lines.push(rule, line(all.at(-1)!));
  return `${lines.join('\n')}\n`;
}

/**
 * Escapes text for a GitHub-flavoured Markdown table cell: `\\`, `|` and `~` (estimates are
 * marked `~`, and GFM reads `~a~` as strikethrough) escaped; line breaks as spaces; controls
 * shown visibly (`sanitizeTerminalLine`).
 */
export function markdownCell(text: string): string {
  return sanitizeTerminalLine(
    text.replace(/[\\|~]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' '),
  );
}

/** The grid as a GitHub-flavoured Markdown table (pipes escaped; the total row in bold). */
export function renderMarkdownTable(grid: Grid): string {
  const row = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const rule = `|${grid.align.map((a) => (a === 'right' ? ' ---: ' : ' :--- ')).join('|')}|`;
  const lines = [row(grid.headers), rule, ...grid.rows.map(row)];
  if (grid.total) lines.push(row(grid.total.map((cell) => (cell === '' ? '' : `**${cell}**`))));
  return `${lines.join('\n')}\n`;
}

/**
 * A titled table with notes under it, as aligned text or Markdown (the title in bold, each note
 * its own paragraph). Ends with a newline.
 */
export function renderTitledTable(
  title: string,
  grid: Grid,
  notes: readonly string[],
  format: 'table' | 'markdown',
): string {
  title = sanitizeTerminalLine(title);
  notes = notes.map(sanitizeTerminalText);
  if (format === 'markdown') {
    return `**${title}**\n\n${renderMarkdownTable(grid)}${notes.map((n) => `\n${n}\n`).join('')}`;
  }
  return `${title}\n\n${renderTextTable(grid)}${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}

/**
 * RFC 4180 CSV: a header line, then one line per row, `\n` line ends; fields with a comma, quote,
 * line break or edge space are quoted, quotes doubled; null is an empty cell. Figures stay exact
 * (no separators).
 */
export function renderCsv(
  headers: readonly string[],
  rows: readonly (readonly CsvValue[])[],
): string {
  return toCsv([headers, ...rows]);
}
