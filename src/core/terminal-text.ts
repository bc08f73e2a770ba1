/**
 * The one sanitiser for text that did not come from us (model output, model ids, provider names
 * and error messages, pasted input, report cells) before it reaches a terminal, so nothing it
 * contains can clear the screen, move the cursor, set the title, write the clipboard (OSC 52) or
 * reorder what is shown (bidi overrides).
 */

/** C0 controls but line feed and tab, DEL, C1 controls. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
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

/** True when `text` has a control character (C0, DEL, C1; line feed and tab included). */
export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text) || /[\n\t]/.test(text);
}

function visibleControl(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<${code.toString(16).toUpperCase()}>`;
}
