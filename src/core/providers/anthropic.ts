import type Anthropic from '@anthropic-ai/sdk';
import { normalizeMessagesUsage } from '../usage/normalize';
import { providerDisplayName, RetryNoticeRouter, runSdkCall, usageEvents } from './adapter-run';
import type { ErrorContext } from './map-error';
import { cutStreamError } from './openai-chat';
import { retryNotice, retryObservingFetch, type SdkFetch } from './sdk-fetch';
import type { ChatProvider, ProviderEvent, ProviderRequest } from './types';

/** Output cap sent when none is given: the Messages API requires `max_tokens`. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

/** How to reach Anthropic (or a Messages-compatible server). */
export interface AnthropicProviderOptions {
  readonly apiKey: string;
  /** `--base-url` / `ANTHROPIC_BASE_URL`: the server root; undefined for api.anthropic.com. */
  readonly baseUrl?: string;
  /** False with `--no-stream`: one plain request. */
  readonly stream: boolean;
  /** The SDK's own retries (default 2); each one becomes a notice. */
  readonly maxRetries?: number;
  readonly timeoutMs?: number;
  /** The fetch under the retry observer (tests and benches pass their own); global fetch else. */
  readonly fetch?: SdkFetch;
}

type RawUsage = Record<string, unknown>;

/**
 * Overlays a `message_delta` usage onto the usage so far. Delta usage is cumulative, so its
 * fields replace (never add to) the earlier ones; null fields are skipped, and the 5m/1h split
 * (`cache_creation`), which deltas do not carry, stays from `message_start`.
 */
export function overlayUsage(start: RawUsage, delta: RawUsage): RawUsage {
  const merged: RawUsage = { ...start };
  for (const [key, value] of Object.entries(delta)) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}

/**
 * Anthropic Messages over `@anthropic-ai/sdk`, imported on the first call. Input and cache
 * figures come from `message_start`, output from the cumulative `message_delta` usage.
 */
export class AnthropicProvider implements ChatProvider {
  readonly id = 'anthropic';
  readonly #options: AnthropicProviderOptions;
  readonly #providerName: string;
  readonly #retries = new RetryNoticeRouter();
  #client: Promise<{ sdk: typeof import('@anthropic-ai/sdk'); client: Anthropic }> | undefined;

  constructor(options: AnthropicProviderOptions) {
    this.#options = options;
    this.#providerName = providerDisplayName('Anthropic', options.baseUrl);
  }

  /** Streams one call; never throws: failures end the stream with one `error` event. */
  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
    const options = this.#options;
    const context: ErrorContext = {
      providerName: this.#providerName,
      keyVariable: 'ANTHROPIC_API_KEY',
      model: request.model,
      secrets: [options.apiKey],
    };
    this.#client ??= this.#createClient();
    const { sdk, client } = await this.#client;
    const notices: string[] = [];
    const detach = this.#retries.attach(notices);
    try {
      const events = messagesEvents(client, request, signal, options.stream, context);
      yield* runSdkCall(events, notices, sdk, context, signal);
    } finally {
      detach();
    }
  }

  /** Imports the SDK (first call only) and builds the one client this provider reuses. */
  async #createClient(): Promise<{ sdk: typeof import('@anthropic-ai/sdk'); client: Anthropic }> {
    const options = this.#options;
    const sdk = await import('@anthropic-ai/sdk');
    const maxRetries = options.maxRetries ?? 2;
    const client = new sdk.Anthropic({
      apiKey: options.apiKey,
      authToken: null,
      baseURL: options.baseUrl ?? 'https://api.anthropic.com',
      maxRetries,
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      fetch: retryObservingFetch(
        maxRetries,
        (retry) => this.#retries.notify(retryNotice(this.#providerName, retry)),
        options.fetch,
      ),
    });
    return { sdk, client };
  }
}

async function* messagesEvents(
  client: Anthropic,
  request: ProviderRequest,
  signal: AbortSignal,
  stream: boolean,
  context: ErrorContext,
): AsyncGenerator<ProviderEvent> {
  const params = {
    model: request.model,
    max_tokens: request.maxTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(request.system ? { system: request.system } : {}),
  };
  if (!stream) {
    const message = await client.messages.create(params, { signal });
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : []));
    if (text.length > 0) yield { type: 'text', text: text.join('') };
    yield* usageEvents(normalizeMessagesUsage(message.usage));
    yield { type: 'done', stopReason: message.stop_reason ?? null };
    return;
  }
  const events = await client.messages.create({ ...params, stream: true }, { signal });
  let usage: RawUsage | null = null;
  let stopReason: string | null = null;
  for await (const event of events) {
    switch (event.type) {
      case 'message_start':
        usage = { ...(event.message.usage as unknown as RawUsage) };
        yield* usageEvents(normalizeMessagesUsage(usage));
        break;
      case 'content_block_delta':
        if (event.delta.type === 'text_delta' && event.delta.text.length > 0) {
          yield { type: 'text', text: event.delta.text };
        }
        break;
      case 'message_delta':
        usage = overlayUsage(usage ?? {}, event.usage as unknown as RawUsage);
        stopReason = event.delta.stop_reason ?? stopReason;
        yield* usageEvents(normalizeMessagesUsage(usage));
        break;
      case 'message_stop':
        yield { type: 'done', stopReason };
        return;
      default:
        break;
    }
  }
  throw cutStreamError(context);
}
