/**
 * Neutralises terminal control sequences in text that did not come from us (model output,
 * provider error messages, pasted input) before it reaches Ink, so a reply cannot clear the
 * screen, move the cursor, set the title or write the clipboard (OSC 52).
 *
 * Every control character becomes visible, harmless text: ESC shows as `␛` (so `\x1b[2J` reads
 * `␛[2J`), other C0 controls as their Unicode control pictures (`\x07` -> `␇`), DEL as `␡`, and
 * C1 controls (0x80-0x9f, e.g. the one-byte CSI 0x9b) as `<9B>`. Line feeds and tabs are kept;
 * CRLF becomes LF and a lone CR is shown as `␍`.
 */
export function sanitizeTerminalText(text: string): string {
  // Fast path: most replies contain no control characters at all.
  if (!CONTROL_PATTERN.test(text)) return text;
  return text.replace(/\r\n/g, '\n').replace(CONTROL_GLOBAL, visibleControl);
}

const CONTROL_PATTERN = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const CONTROL_GLOBAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function visibleControl(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<${code.toString(16).toUpperCase()}>`;
}
