import { brotliDecompressSync, constants, gunzipSync, inflateSync } from 'node:zlib';
import { KeptBody } from './json-reader';
import { type ResponseReading, unreadable } from './reading';

/** A response reader: sees the body's bytes, then tells what it read. */
export interface BodyReader {
  push(chunk: Buffer): unknown;
  finish(ended: boolean): ResponseReading;
}

// Z_SYNC_FLUSH: a body cut short still gives what arrived (a stream the client left).
const DECODERS: Readonly<Record<string, (body: Buffer) => Buffer>> = {
  gzip: (body) => gunzipSync(body, { finishFlush: constants.Z_SYNC_FLUSH }),
  'x-gzip': (body) => gunzipSync(body, { finishFlush: constants.Z_SYNC_FLUSH }),
  deflate: (body) => inflateSync(body, { finishFlush: constants.Z_SYNC_FLUSH }),
  br: (body) =>
    brotliDecompressSync(body, { finishFlush: constants.BROTLI_OPERATION_FLUSH }),
};

/**
 * The content codings of a response (`content-encoding`, outermost last), without `identity`;
 * empty for a plain body.
 */
export function contentCodings(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/**
 * Reads a compressed response (an upstream that ignored `accept-encoding: identity`): keeps
 * the encoded bytes (as {@link KeptBody} does), and at the end decodes them
 * (gzip, deflate, br) and hands them to `inner`. The client gets the original bytes; only the
 * reading is decoded. A coding it cannot decode leaves the call estimated.
 */
export class DecodedReader implements BodyReader {
  readonly #codings: readonly string[];
  readonly #inner: BodyReader;
  readonly #body = new KeptBody();

  constructor(codings: readonly string[], inner: BodyReader) {
    this.#codings = codings;
    this.#inner = inner;
  }

  push(chunk: Buffer): void {
    this.#body.push(chunk);
  }

  finish(ended: boolean): ResponseReading {
    const kept = this.#body.take(ended);
    if (!Buffer.isBuffer(kept)) return kept;
    let body: Buffer = kept;
    for (const coding of [...this.#codings].reverse()) {
      const decode = DECODERS[coding];
      if (!decode) return unreadable(ended, `the response was encoded as ${coding}`);
      try {
        body = decode(body);
      } catch {
        return unreadable(ended, `the ${coding} response could not be decoded`);
      }
    }
    this.#inner.push(body);
    return this.#inner.finish(ended);
  }
}
