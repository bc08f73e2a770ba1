import { Writable } from 'node:stream';
import wrapAnsi from 'wrap-ansi';

/**
 * A stderr for Ink's patched console that passes each distinct message once: libraries may warn
 * on every request (the Anthropic SDK names a deprecated model on each call), and one copy in the
 * transcript says it all. Lines are wrapped at word boundaries to the terminal's width
 * (`columns()`), so a long notice never breaks mid-word; without a width they pass unchanged.
 */
export function oncePerMessage(
  target: { write(chunk: string): unknown },
  columns: () => number | undefined = () => undefined,
): NodeJS.WriteStream {
  const seen = new Set<string>();
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = String(chunk);
      if (!seen.has(text)) {
        seen.add(text);
        const width = columns();
        const fit = (line: string) => wrapAnsi(line, width ?? 0, { hard: true });
        target.write(width ? text.split('\n').map(fit).join('\n') : text);
      }
      done();
    },
  });
  return stream as unknown as NodeJS.WriteStream;
}
