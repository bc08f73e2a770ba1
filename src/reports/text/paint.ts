import { stripVTControlCharacters } from 'node:util';

/** ANSI styling that becomes a no-op when colour is off. */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  yellow(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) =>
  text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

/** Styling helpers: ANSI bold/dim/yellow when `color` is true, identity otherwise. */
export function paint(color: boolean): Paint {
  return color
    ? { bold: ansi(1, 22), dim: ansi(2, 22), yellow: ansi(33, 39) }
    : { bold: plain, dim: plain, yellow: plain };
}

/** Printable ASCII only: one column per character, nothing to strip. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Columns a string takes on screen, ANSI sequences excluded (ids and figures are narrow). */
export function displayWidth(text: string): number {
  // Nearly every cell of a report is plain ASCII: its length, without splitting it into an array
  // of code points (a fifth of rendering a 10,000-row report).
  if (PLAIN_ASCII.test(text)) return text.length;
  return [...stripVTControlCharacters(text)].length;
}

/** Pads `text` to `width` columns, on the right (`left` alignment) or on the left (`right`). */
export function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}
