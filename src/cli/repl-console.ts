import { Writable } from 'node:stream';

/**
 * A stderr for Ink's patched console that passes each distinct message once: libraries may warn
 * on every request (the Anthropic SDK names a deprecated model on each call), and one copy in the
 * transcript says it all. Everything else goes to `target` unchanged.
 */
export function oncePerMessage(target: { write(chunk: string): unknown }): NodeJS.WriteStream {
  const seen = new Set<string>();
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = String(chunk);
      if (!seen.has(text)) {
        seen.add(text);
        target.write(text);
      }
      done();
    },
  });
  return stream as unknown as NodeJS.WriteStream;
}
