import { textOf } from './text';
import { isRaw, ReadingState, type ResponseReading } from './reading';
import type { MeteredApi } from './route';

/** The most bytes of a JSON response kept to read its usage; a larger body is estimated. */
export const MAX_JSON_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Reads usage from a whole (non-streamed) JSON response: its `usage` with the normaliser of the
 * API, or the error type of an error body. The body is kept until it ends (up to
 * {@link MAX_JSON_RESPONSE_BYTES}); it is read once, at the end.
 */
export class JsonReader {
  readonly #api: MeteredApi;
  readonly #chunks: Buffer[] = [];
  #bytes = 0;

  constructor(api: MeteredApi) {
    this.#api = api;
  }

  /** Keeps a chunk of the body. */
  push(chunk: Buffer): void {
    this.#bytes += chunk.length;
    if (this.#bytes <= MAX_JSON_RESPONSE_BYTES) this.#chunks.push(chunk);
  }

  /** Reads the body received; `ended` says whether it arrived whole. */
  finish(ended: boolean): ResponseReading {
    const state = new ReadingState();
    if (this.#bytes > MAX_JSON_RESPONSE_BYTES) {
      state.problem = `the response was larger than ${MAX_JSON_RESPONSE_BYTES} bytes`;
      return state.result();
    }
    const text = Buffer.concat(this.#chunks).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (ended && text.trim() !== '') state.problem = 'the response was not JSON';
      return state.result();
    }
    if (!isRaw(body)) return state.result();
    state.complete = ended;
    state.noteModel(body.model, body);
    if (body.error !== undefined && body.error !== null) state.noteError(body);
    if (body.usage !== undefined && body.usage !== null) state.readUsage(this.#api, body.usage);
    state.reply = textOf(body.choices ?? body.output ?? body.content);
    return state.result();
  }
}
