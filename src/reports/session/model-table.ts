import type { UsageSnapshot } from '../../core/usage/tracker';
import { displayWidth, type Paint, paint } from '../text/paint';
import { alignColumns, COLUMN_GAP } from '../text/grid';
import {
  TEXT_COLUMNS,
  type UsageRowCells,
  type UsageTableCells,
  usageTableCells,
} from './model-table-cells';

/** How a text report is drawn. */
export interface TextRenderOptions {
  /** ANSI bold/dim/yellow when true. */
  readonly color: boolean;
  /** Terminal width in columns; past it, the table is drawn as one block per model. */
  readonly width?: number;
}

function alignedTable({ columns, headers, rows, total }: UsageTableCells, p: Paint): string[] {
  const headerCells = columns.map((column) => headers[column]);
  const { widths, line } = alignColumns(
    [headerCells, ...[...rows, total].map((row) => columns.map((column) => row.cells[column]))],
    columns.map((column) => (TEXT_COLUMNS.has(column) ? 'left' : 'right')),
  );
  const styled = (row: UsageRowCells) =>
    line(
      columns.map((column) =>
        column === 'cost' && row.unpriced ? p.yellow(row.cells.cost) : row.cells[column],
      ),
    );
  const rule = p.dim(
    '-'.repeat(widths.reduce((sum, w) => sum + w, 0) + COLUMN_GAP.length * (widths.length - 1)),
  );
  return [p.bold(line(headerCells)), ...rows.map(styled), rule, p.bold(styled(total))];
}

/** Wraps `label value` pairs into lines no wider than `width`, each indented by two spaces. */
function wrapPairs(pairs: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const pair of pairs) {
    const next = current === '' ? `  ${pair}` : `${current} · ${pair}`;
    if (current !== '' && displayWidth(next) > width) {
      lines.push(current);
      current = `  ${pair}`;
    } else {
      current = next;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

function stackedTable(
  { columns, headers, rows, total }: UsageTableCells,
  p: Paint,
  width: number,
): string[] {
  const block = (row: UsageRowCells, title: string) => {
    const cost = row.unpriced ? p.yellow(row.cells.cost) : row.cells.cost;
    const pairs = columns
      .filter((column) => !TEXT_COLUMNS.has(column) && column !== 'cost')
      .map((column) => `${headers[column]} ${row.cells[column]}`);
    return [`${p.bold(title)}  ${cost}`, ...wrapPairs(pairs, width).map(p.dim)];
  };
  return [
    ...rows.flatMap((row) => block(row, `${row.cells.provider} ${row.cells.model}`)),
    ...block(total, 'total'),
  ];
}

/**
 * The per-model usage table of a session (for `/usage` and the exit summary): one row per
 * (provider, model) with calls, input, cache read, cache write (5m + 1h), output (reasoning) and
 * cost, then a totals row. Estimated figures carry `~`, unpriced costs say `unpriced`. When
 * `width` is given and the table does not fit, each model becomes a short block instead.
 * Returns lines joined with `\n`, no trailing newline.
 */
export function renderUsageTable(snapshot: UsageSnapshot, options: TextRenderOptions): string {
  const p = paint(options.color);
  if (snapshot.models.length === 0) return p.dim('No calls yet.');
  const cells = usageTableCells(snapshot);
  const table = alignedTable(cells, p);
  const fits =
    options.width === undefined ||
    table.every((line) => displayWidth(line) <= (options.width ?? 0));
  return (fits ? table : stackedTable(cells, p, options.width ?? 0)).join('\n');
}
