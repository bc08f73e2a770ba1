/**
 * The one sanitiser for text that did not come from us (model output, model ids, provider names
 * and error messages, pasted input, report cells) before it reaches a terminal, so nothing it
 * contains can clear the screen, move the cursor, set the title, write the clipboard (OSC 52) or
 * reorder what is shown (bidi overrides).
 */

const CONTROL_GLOBAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): removed. */
const BIDI_GLOBAL = /[\u202a-\u202e\u2066-\u2069]/g;
/** Anything the sanitiser changes, line feed and tab included (for one-line text). */
const UNSAFE_IN_LINE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/**
 * Makes text safe for a terminal, keeping its lines: ESC shows as `␛` (so `\x1b[2J` reads
 * `␛[2J`), other C0 controls as their Unicode control pictures (`\x07` -> `␇`), DEL as `␡`, C1
 * controls (0x80-0x9f, e.g. the one-byte CSI 0x9b) as `<9B>`; bidi overrides are removed. Line
 * feeds and tabs are kept; CRLF becomes LF and a lone CR is shown as `␍`.
 */
export function sanitizeTerminalText(text: string): string {
  // Fast path: most text contains nothing to change.
  if (!UNSAFE_IN_LINE.test(text)) return text;
  return text.replace(/\r\n/g, '\n').replace(CONTROL_GLOBAL, visibleControl).replace(BIDI_GLOBAL, '');
}

/**
 * Like {@link sanitizeTerminalText} for text that must stay on one line (a model id, a report
 * cell, an error message): line feeds and tabs are shown too (`␊`, `␉`).
 */
export function sanitizeTerminalLine(text: string): string {
  if (!UNSAFE_IN_LINE.test(text)) return text;
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, visibleControl).replace(BIDI_GLOBAL, '');
}

/**
 * Like {@link sanitizeTerminalLine} for a CSV field, which may hold line breaks and tabs (quoted,
 * per RFC 4180): those are kept, every other control is shown visibly, bidi overrides removed.
 */
export function sanitizeTerminalCell(text: string): string {
  if (!UNSAFE_IN_LINE.test(text)) return text;
  return text
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, visibleControl)
    .replace(BIDI_GLOBAL, '');
}

/**
 * JSON text with the characters `JSON.stringify` leaves raw but a terminal acts on (C1 controls,
 * bidi overrides, U+2028/U+2029) written as `\\uXXXX` escapes: the same JSON value, safe to print.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(/[\x80-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) =>
    `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function visibleControl(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<${code.toString(16).toUpperCase()}>`;
}
