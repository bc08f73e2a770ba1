import type Anthropic from '@anthropic-ai/sdk';
import { normalizeMessagesUsage } from '../usage/normalize';
import { cutStreamError, usageEvents } from './adapter-run';
import {
  type SdkCall,
  SdkChatProvider,
  type SdkClientSettings,
  type SdkProviderOptions,
} from './sdk-provider';
import { DEFAULT_MAX_OUTPUT_TOKENS, type ProviderEvent } from './types';

/** How to reach Anthropic (or a Messages-compatible server; `baseUrl` is the server root). */
export type AnthropicProviderOptions = SdkProviderOptions;

type AnthropicSdk = typeof import('@anthropic-ai/sdk');
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
export class AnthropicProvider extends SdkChatProvider<AnthropicSdk, Anthropic> {
  readonly id = 'anthropic';

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
      baseURL: this.options.baseUrl ?? 'https://api.anthropic.com',
      maxRetries: settings.maxRetries,
      fetch: settings.fetch,
    });
  }

  protected events(call: SdkCall<Anthropic>): AsyncGenerator<ProviderEvent> {
    return messagesEvents(call, this.options.stream);
  }
}

async function* messagesEvents(
  { client, request, signal, context }: SdkCall<Anthropic>,
  stream: boolean,
): AsyncGenerator<ProviderEvent> {
  const params = {
    model: request.model,
    // The Messages API requires `max_tokens`.
    max_tokens: request.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(request.system ? { system: request.system } : {}),
  };
  if (!stream) {
    yield { type: 'started' };
    const message = await client.messages.create(params, { signal });
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
  throw cutStreamError(context);
}
