import type { Usage } from '../../core/usage/types';
import { sanitizeTerminalCell } from '../../core/terminal-text';

/** A value a CSV cell can hold; `null` is an empty cell. */
export type CsvValue = string | number | boolean | null;

/**
 * One RFC 4180 field: quoted, with quotes doubled, when it holds a comma, a quote, a line break
 * or a leading or trailing space (which spreadsheets would otherwise trim); other control characters are
 * shown visibly, as in every report. Figures are written as they are, without thousands separators, so they stay exact.
 */
export function csvField(value: CsvValue): string {
  const text = value === null ? '' : sanitizeTerminalCell(String(value));
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of fields (the header first) as CSV text: `\n` line ends and a trailing newline. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

/** Header names of {@link callsAndUsageCsvFields}: calls by outcome, then the six buckets. */
export const CALLS_AND_USAGE_CSV_HEADERS = [
  'calls_ok',
  'calls_failed',
  'calls_aborted',
  'input_tokens',
  'cache_read_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'output_tokens',
  'reasoning_tokens',
] as const;

/** Calls by outcome and the six usage buckets as raw CSV figures, in header order. */
export function callsAndUsageCsvFields(
  calls: { readonly ok: number; readonly failed: number; readonly aborted: number },
  usage: Usage,
): number[] {
  return [
    calls.ok,
    calls.failed,
    calls.aborted,
    usage.inputTokens,
    usage.cacheReadTokens,
    usage.cacheWrite5mTokens,
    usage.cacheWrite1hTokens,
    usage.outputTokens,
    usage.reasoningTokens,
  ];
}
