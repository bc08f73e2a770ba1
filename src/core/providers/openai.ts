import type OpenAI from 'openai';
import { openAiChatEvents } from './openai-chat';
import { openAiResponsesEvents } from './openai-responses';
import {
  type SdkCall,
  SdkChatProvider,
  type SdkClientSettings,
  type SdkProviderOptions,
} from './sdk-provider';
import type { ProviderEvent } from './types';

/** Ids of OpenAI's reasoning models (o1, o3, o4-mini, gpt-5...), as sent to the API. */
const OPENAI_REASONING_ID = /^(o\d|gpt-5)/i;

/** How to reach OpenAI or an OpenAI-compatible server (`baseUrl` ends in `/v1`). */
export interface OpenAiProviderOptions extends SdkProviderOptions {
  /** Chat Completions (default) or the Responses API. */
  readonly api: 'chat' | 'responses';
  /**
   * Whether the server takes `prompt_cache_key`. Default: only OpenAI's own API (no base URL);
   * an OpenAI-compatible server may refuse a field it does not know.
   */
  readonly promptCacheKey?: boolean;
}

/**
 * OpenAI (and OpenAI-compatible servers) over the `openai` SDK, which is imported on the first
 * call so start-up never pays for it. Usage comes from `stream_options.include_usage` (Chat) or
 * the terminal `response.*` events (Responses), normalised in `core/usage`.
 */
export class OpenAiProvider extends SdkChatProvider<typeof import('openai'), OpenAI> {
  readonly id = 'openai';
  readonly #api: 'chat' | 'responses';
  readonly #cacheKey: boolean;
  protected readonly defaultBaseUrl = 'https://api.openai.com/v1';

  constructor(options: OpenAiProviderOptions) {
    super('OpenAI', 'OPENAI_API_KEY', options, 'an OpenAI-compatible one usually ends in /v1');
    this.#api = options.api;
    this.#cacheKey = options.promptCacheKey ?? options.baseUrl === undefined;
  }

  protected importSdk(): Promise<typeof import('openai')> {
    return import('openai');
  }

  protected createClient(sdk: typeof import('openai'), settings: SdkClientSettings): OpenAI {
    return new sdk.OpenAI({
      apiKey: this.options.apiKey,
      baseURL: this.options.baseUrl ?? this.defaultBaseUrl,
      maxRetries: settings.maxRetries,
      fetch: settings.fetch,
      logger: settings.logger,
    });
  }

  protected events(call: SdkCall<OpenAI>): AsyncGenerator<ProviderEvent> {
    const { stream, baseUrl } = this.options;
    // OpenAI-compatible servers know `max_tokens`; OpenAI's reasoning models refuse it, also
    // behind a gateway on a base URL, and need `max_completion_tokens`.
    const legacyMaxTokens = baseUrl !== undefined && !OPENAI_REASONING_ID.test(call.request.model);
    const cacheKey = this.#cacheKey;
    return this.#api === 'responses'
      ? openAiResponsesEvents({ ...call, stream, cacheKey })
      : openAiChatEvents({ ...call, stream, legacyMaxTokens, cacheKey });
  }
}
