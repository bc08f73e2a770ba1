import type Anthropic from '@anthropic-ai/sdk';
import { normalizeMessagesUsage, overlayUsage } from '../usage/normalize';
import { cutStreamError, usageEvents } from './adapter-run';
import {
  type SdkCall,
  SdkChatProvider,
  type SdkClientSettings,
  type SdkProviderOptions,
} from './sdk-provider';
import { DEFAULT_MAX_OUTPUT_TOKENS, type ProviderEvent, type ProviderRequest } from './types';
import { UnreadableResponseError } from './errors';

/** How to reach Anthropic (or a Messages-compatible server; `baseUrl` is the server root). */
export type AnthropicProviderOptions = SdkProviderOptions;

type AnthropicSdk = typeof import('@anthropic-ai/sdk');
type RawUsage = Record<string, unknown>;

/**
 * Anthropic Messages over `@anthropic-ai/sdk`, imported on the first call. Input and cache
 * figures come from `message_start`, output from the cumulative `message_delta` usage.
 */
export class AnthropicProvider extends SdkChatProvider<AnthropicSdk, Anthropic> {
  readonly id = 'anthropic';
  protected readonly defaultBaseUrl = 'https://api.anthropic.com';

  constructor(options: AnthropicProviderOptions) {
    super('Anthropic', 'ANTHROPIC_API_KEY', options, 'for Anthropic it is the server root, without /v1');
  }

  protected importSdk(): Promise<AnthropicSdk> {
    return import('@anthropic-ai/sdk');
  }

  protected createClient(sdk: AnthropicSdk, settings: SdkClientSettings): Anthropic {
    return new sdk.Anthropic({
      apiKey: this.options.apiKey,
      authToken: null,
      baseURL: this.options.baseUrl ?? this.defaultBaseUrl,
      maxRetries: settings.maxRetries,
      fetch: settings.fetch,
      logger: settings.logger,
    });
  }

  protected events(call: SdkCall<Anthropic>): AsyncGenerator<ProviderEvent> {
    return messagesEvents(call, this.options.stream);
  }
}

/**
 * The system prompt and messages of a request, with a `cache_control` block (of the request's
 * TTL) ending each cached prefix the request asks for; plain strings when it asks for none.
 */
function messagesWithBreakpoints(request: ProviderRequest) {
  const cache = request.cache;
  const control = cache ? { type: 'ephemeral' as const, ttl: cache.ttl } : undefined;
  const marked = new Set(cache?.messageBreakpoints ?? []);
  const messages = request.messages.map((m, index) =>
    control && marked.has(index)
      ? { role: m.role, content: [{ type: 'text' as const, text: m.content, cache_control: control }] }
      : { role: m.role, content: m.content },
  );
  if (!request.system) return { messages };
  const system =
    control && cache?.systemBreakpoint
      ? [{ type: 'text' as const, text: request.system, cache_control: control }]
      : request.system;
  return { messages, system };
}

async function* messagesEvents(
  { client, request, signal }: SdkCall<Anthropic>,
  stream: boolean,
): AsyncGenerator<ProviderEvent> {
  const params = {
    model: request.model,
    // The Messages API requires `max_tokens`.
    max_tokens: request.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    ...messagesWithBreakpoints(request),
  };
  if (!stream) {
    // Started once the answer is here, as a stream is once its headers are: a hang cancelled
    // before either is recorded the same way (no tokens), streaming or not.
    const message = await client.messages.create(params, { signal });
    if (!Array.isArray(message.content)) {
      throw new UnreadableResponseError('no content in the answer (is it a Messages API?)');
    }
    yield { type: 'started' };
    if (message.model) yield { type: 'model', model: message.model };
    const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : []));
    if (text.length > 0) yield { type: 'text', text: text.join('') };
    yield* usageEvents(normalizeMessagesUsage(message.usage));
    yield { type: 'done', stopReason: message.stop_reason ?? null };
    return;
  }
  const events = await client.messages.create({ ...params, stream: true }, { signal });
  yield { type: 'started' };
  let usage: RawUsage | null = null;
  let stopReason: string | null = null;
  for await (const event of events) {
    switch (event.type) {
      case 'message_start':
        if (event.message.model) yield { type: 'model', model: event.message.model };
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
  throw cutStreamError();
}
