/** A value a CSV cell can hold; `null` is an empty cell. */
export type CsvValue = string | number | boolean | null;

/**
 * One RFC 4180 field: quoted, with quotes doubled, when it holds a comma, a quote, a line break
 * or a leading or trailing space (which spreadsheets would otherwise trim). Figures are written as
 * they are, without thousands separators, so they stay exact.
 */
export function csvField(value: CsvValue): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of fields (the header first) as CSV text: `\n` line ends and a trailing newline. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return `${rows.map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}
