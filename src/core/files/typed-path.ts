/**
 * A path as the user typed or dropped it into the terminal: quotes around it removed
 * (`"a b.txt"`, `'a b.txt'`); otherwise the backslash escapes that macOS Terminal and iTerm2
 * put into a dragged-and-dropped path undone (`/tmp/a\ b.txt`, `report\ \(1\).txt`). On
 * Windows (`platform` `win32`) backslashes separate folders and are kept.
 */
export function typedPath(text: string, platform: string = process.platform): string {
  const quoted = /^(['"])(.*)\1$/s.exec(text);
  if (quoted) return quoted[2]!;
  return platform === 'win32' ? text : text.replace(/\\(.)/gs, '$1');
}
