import { isRaw, ReadingState, type ResponseReading } from './reading';
import type { MeteredApi } from './route';
import { type SseFrame, SseSplitter } from './sse';

type Raw = Readonly<Record<string, unknown>>;

function chatFrame(state: ReadingState, data: Raw): boolean {
  state.noteModel(data.model, data);
  if (data.error !== undefined) state.noteError(data);
  const choices = Array.isArray(data.choices) ? data.choices : [];
  for (const choice of choices) {
    if (!isRaw(choice)) continue;
    const delta = isRaw(choice.delta) ? choice.delta : {};
    if (typeof delta.content === 'string') state.reply += delta.content;
    if (Array.isArray(delta.tool_calls)) {
      for (const call of delta.tool_calls) {
        const fn = isRaw(call) && isRaw(call.function) ? call.function : {};
        if (typeof fn.arguments === 'string') state.reply += fn.arguments;
      }
    }
    if (typeof choice.finish_reason === 'string') state.complete = true;
  }
  if (!isRaw(data.usage)) return false;
  state.readUsage('chat-completions', data.usage);
  state.complete = true;
  return choices.length === 0;
}

const RESPONSE_ENDS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

function responsesFrame(state: ReadingState, data: Raw): void {
  const type = typeof data.type === 'string' ? data.type : '';
  const response = isRaw(data.response) ? data.response : null;
  if (response) state.noteModel(response.model, response);
  if (type.endsWith('.delta') && typeof data.delta === 'string') state.reply += data.delta;
  if (type === 'error') state.noteError(data);
  if (RESPONSE_ENDS.has(type)) {
    state.complete = true;
    if (response) state.readUsage('responses', response.usage);
    if (type === 'response.failed') state.noteError(response?.error ?? data);
  }
}

/**
 * One Messages event, told by its `event:` name as the Anthropic SDK (and so the chat, and the
 * client) reads it: a frame without one is skipped by the SDK, and is not read here either.
 */
function messagesFrame(state: ReadingState, event: string | null, data: Raw): void {
  switch (event) {
    case 'message_start': {
      const message = isRaw(data.message) ? data.message : {};
      state.noteModel(message.model);
      state.readUsage('messages', message.usage);
      break;
    }
    case 'message_delta':
      state.readUsage('messages', data.usage);
      break;
    case 'content_block_delta': {
      const delta = isRaw(data.delta) ? data.delta : {};
      for (const key of ['text', 'thinking', 'partial_json'] as const) {
        if (typeof delta[key] === 'string') state.reply += delta[key];
      }
      break;
    }
    case 'message_stop':
      state.complete = true;
      break;
    case 'error':
      state.noteError(data);
      break;
    default:
      break;
  }
}

/**
 * Reads usage from a Server-Sent Events response as it streams by, with the same normalisers
 * as the chat: Chat Completions from the chunk carrying `usage` (sent only with
 * `stream_options.include_usage`), Responses from its terminal event, Messages from
 * `message_start` overlaid by each cumulative `message_delta`.
 */
export class StreamReader {
  readonly #api: MeteredApi;
  readonly #splitter = new SseSplitter();
  readonly #state = new ReadingState();
  readonly #usageOnly = new WeakSet<SseFrame>();

  constructor(api: MeteredApi) {
    this.#api = api;
  }

  /** Reads a chunk; returns the frames it completed, in order. */
  push(chunk: Uint8Array): SseFrame[] {
    const frames = this.#splitter.push(chunk);
    for (const frame of frames) this.#read(frame);
    return frames;
  }

  /** True for a Chat Completions chunk that carries only usage (no choices). */
  isUsageOnly(frame: SseFrame): boolean {
    return this.#usageOnly.has(frame);
  }

  /** Text after the last complete frame (sent on as it is). */
  rest(): string {
    return this.#splitter.rest();
  }

  /** What was read so far. */
  finish(): ResponseReading {
    return this.#state.result();
  }

  #read(frame: SseFrame): void {
    const state = this.#state;
    if (frame.data === '') return;
    if (frame.data === '[DONE]') {
      state.complete = true;
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(frame.data);
    } catch {
      state.problem = 'a stream event was not JSON';
      return;
    }
    if (!isRaw(data)) return;
    if (this.#api === 'chat-completions') {
      if (chatFrame(state, data)) this.#usageOnly.add(frame);
    } else if (this.#api === 'responses') {
      responsesFrame(state, data);
    } else {
      messagesFrame(state, frame.event, data);
    }
  }
}
