import { textOf } from './text';
import { isRaw, ReadingState, type ResponseReading, unreadable } from './reading';
import type { MeteredApi } from './route';

/** The most bytes of a JSON response kept to read its usage; a larger body is estimated. */
export const MAX_JSON_RESPONSE_BYTES = 64 * 1024 * 1024;

/** A response body kept in memory to read at its end, up to {@link MAX_JSON_RESPONSE_BYTES}. */
export class KeptBody {
  readonly #chunks: Buffer[] = [];
  #bytes = 0;

  /** Keeps a chunk (once the body is over the limit, chunks are only counted). */
  push(chunk: Buffer): void {
    this.#bytes += chunk.length;
    if (this.#bytes <= MAX_JSON_RESPONSE_BYTES) this.#chunks.push(chunk);
  }

  /** The whole body, or an unreadable reading when it was over the limit. */
  take(ended: boolean): Buffer | ResponseReading {
    if (this.#bytes <= MAX_JSON_RESPONSE_BYTES) return Buffer.concat(this.#chunks);
    return unreadable(ended, `the response was larger than ${MAX_JSON_RESPONSE_BYTES} bytes`);
  }
}

/**
 * Reads usage from a whole (non-streamed) JSON response: its `usage` with the normaliser of the
 * API, or the error type of an error body. The body is kept until it ends (up to
 * {@link MAX_JSON_RESPONSE_BYTES}); it is read once, at the end.
 */
export class JsonReader {
  readonly #api: MeteredApi;
  readonly #body = new KeptBody();

  constructor(api: MeteredApi) {
    this.#api = api;
  }

  /** Keeps a chunk of the body. */
  push(chunk: Buffer): void {
    this.#body.push(chunk);
  }

  /** Reads the body received; `ended` says whether it arrived whole. */
  finish(ended: boolean): ResponseReading {
    const kept = this.#body.take(ended);
    if (!Buffer.isBuffer(kept)) return kept;
    const state = new ReadingState();
    // A whole body whose usage cannot be read still ended well: estimated, not failed.
    state.complete = ended;
    const text = kept.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (ended && text.trim() !== '') state.problem = 'the response was not JSON';
      return state.result();
    }
    if (!isRaw(body)) {
      if (ended) state.problem = 'the response was not a JSON object';
      return state.result();
    }
    state.noteModel(body.model, body);
    if (body.error !== undefined && body.error !== null) state.noteError(body);
    if (body.usage !== undefined && body.usage !== null) state.readUsage(this.#api, body.usage);
    state.reply = textOf(body.choices ?? body.output ?? body.content);
    return state.result();
  }
}
