import type OpenAI from 'openai';
import { providerDisplayName, RetryNoticeRouter, runSdkCall } from './adapter-run';
import type { ErrorContext } from './map-error';
import { openAiChatEvents } from './openai-chat';
import { openAiResponsesEvents } from './openai-responses';
import { retryNotice, retryObservingFetch, type SdkFetch } from './sdk-fetch';
import type { ChatProvider, ProviderEvent, ProviderRequest } from './types';

/** How to reach OpenAI or an OpenAI-compatible server. */
export interface OpenAiProviderOptions {
  readonly apiKey: string;
  /** `--base-url` / `OPENAI_BASE_URL` (ends in `/v1`); undefined for api.openai.com. */
  readonly baseUrl?: string;
  /** Chat Completions (default) or the Responses API. */
  readonly api: 'chat' | 'responses';
  /** False with `--no-stream`: one plain request. */
  readonly stream: boolean;
  /** The SDK's own retries (default 2); each one becomes a notice. */
  readonly maxRetries?: number;
  /** Per-request timeout, milliseconds (the SDK's default when omitted). */
  readonly timeoutMs?: number;
  /** The fetch under the retry observer (tests and benches pass their own); global fetch else. */
  readonly fetch?: SdkFetch;
}

/**
 * OpenAI (and OpenAI-compatible servers) over the `openai` SDK, which is imported on the first
 * call so start-up never pays for it. Usage comes from `stream_options.include_usage` (Chat) or
 * the terminal `response.*` events (Responses), normalised in `core/usage`.
 */
export class OpenAiProvider implements ChatProvider {
  readonly id = 'openai';
  readonly #options: OpenAiProviderOptions;
  readonly #providerName: string;
  readonly #retries = new RetryNoticeRouter();
  #client: Promise<{ sdk: typeof import('openai'); client: OpenAI }> | undefined;

  constructor(options: OpenAiProviderOptions) {
    this.#options = options;
    this.#providerName = providerDisplayName('OpenAI', options.baseUrl);
  }

  /** Streams one call; never throws: failures end the stream with one `error` event. */
  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
    const options = this.#options;
    const context: ErrorContext = {
      providerName: this.#providerName,
      keyVariable: 'OPENAI_API_KEY',
      model: request.model,
      secrets: [options.apiKey],
    };
    this.#client ??= this.#createClient();
    const { sdk, client } = await this.#client;
    const notices: string[] = [];
    const detach = this.#retries.attach(notices);
    try {
      const call = { client, request, signal, stream: options.stream, context };
      const events =
        options.api === 'responses'
          ? openAiResponsesEvents(call)
          : openAiChatEvents({ ...call, legacyMaxTokens: options.baseUrl !== undefined });
      yield* runSdkCall(events, notices, sdk, context, signal);
    } finally {
      detach();
    }
  }

  /** Imports the SDK (first call only) and builds the one client this provider reuses. */
  async #createClient(): Promise<{ sdk: typeof import('openai'); client: OpenAI }> {
    const options = this.#options;
    const sdk = await import('openai');
    const maxRetries = options.maxRetries ?? 2;
    const client = new sdk.OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl ?? 'https://api.openai.com/v1',
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
