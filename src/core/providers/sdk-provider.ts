import { providerDisplayName, RetryNoticeRouter, runSdkCall } from './adapter-run';
import type { ErrorContext, SdkErrorClasses } from './map-error';
import { retryNotice, retryObservingFetch, type SdkFetch } from './sdk-fetch';
import { type LogWriter, type SdkLogger, sdkLogger } from './sdk-logger';
import { CallWatchdog, DEFAULT_TIMEOUT_SECONDS } from './watchdog';
import type { ChatProvider, ProviderEvent, ProviderRequest } from './types';

/** How to reach a provider over its SDK: what every SDK-backed adapter takes. */
export interface SdkProviderOptions {
  readonly apiKey: string;
  /** `--base-url` / `*_BASE_URL`; undefined for the provider's own API. */
  readonly baseUrl?: string;
  /** False with `--no-stream`: one plain request. */
  readonly stream: boolean;
  /** The SDK's own retries (default 2); each one becomes a notice. */
  readonly maxRetries?: number;
  /** The fetch under the retry observer (tests and benches pass their own); global fetch else. */
  readonly fetch?: SdkFetch;
  /**
   * Where the SDK's own log lines go (stderr in the CLI), redacted; never the SDK's default
   * `console`, whose debug lines would land on stdout. Nowhere when undefined.
   */
  readonly log?: LogWriter;
  /** Seconds without a byte before a call fails with kind `timeout` (default 120). */
  readonly timeoutSeconds?: number;
}

/** What a subclass needs to build its SDK client. */
export interface SdkClientSettings {
  readonly maxRetries: number;
  /** The retry-observing fetch to hand to the SDK. */
  readonly fetch: SdkFetch;
  /** Our logger for the SDK's `logger` option (level from `OPENAI_LOG` / `ANTHROPIC_LOG`). */
  readonly logger: SdkLogger;
}

/** One call as a subclass turns it into SDK requests. */
export interface SdkCall<Client> {
  readonly client: Client;
  readonly request: ProviderRequest;
  readonly signal: AbortSignal;
  readonly context: ErrorContext;
}

/**
 * The part of the OpenAI and Anthropic adapters that does not depend on the API: the SDK is
 * imported on the first call (start-up never pays for it) and one client is reused; each call
 * collects the retry notices of its own requests, and whatever the SDK throws becomes exactly one
 * `error` event (mapped once). A subclass says how to import the SDK, build the client and turn a
 * request into events.
 */
export abstract class SdkChatProvider<Sdk extends SdkErrorClasses, Client> implements ChatProvider {
  abstract readonly id: string;
  /** The user-facing name in messages: the provider's, or `the server at host` for a base URL. */
  protected readonly providerName: string;
  protected readonly options: SdkProviderOptions;
  readonly #keyVariable: string;
  readonly #retries = new RetryNoticeRouter();
  #loaded: Promise<{ sdk: Sdk; client: Client }> | undefined;

  readonly #baseUrlHint: string | undefined;
  /** The host the waiting notices name, parsed from the base URL on the first call. */
  #host: string | undefined;

  /**
   * @param baseUrlShape what a base URL for this SDK looks like, said when a 404 from a
   *   `--base-url` server suggests a wrong URL (e.g. `it usually ends in /v1`).
   */
  protected constructor(
    official: string,
    keyVariable: string,
    options: SdkProviderOptions,
    baseUrlShape: string,
  ) {
    this.options = options;
    this.#keyVariable = keyVariable;
    this.providerName = providerDisplayName(official, options.baseUrl);
    this.#baseUrlHint = options.baseUrl === undefined ? undefined : baseUrlShape;
  }

  /** Streams one call; never throws once the SDK is loaded: failures end with one `error`. */
  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
    const context: ErrorContext = {
      providerName: this.providerName,
      keyVariable: this.#keyVariable,
      model: request.model,
      secrets: [this.options.apiKey],
      ...(this.#baseUrlHint === undefined ? {} : { baseUrlHint: this.#baseUrlHint }),
    };
    this.#loaded ??= this.#load();
    const { sdk, client } = await this.#loaded;
    const notices: string[] = [];
    const detach = this.#retries.attach(notices);
    const watchdog = new CallWatchdog(signal, {
      timeoutSeconds: this.options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      host: (this.#host ??= hostOf(this.options.baseUrl ?? this.defaultBaseUrl)),
    });
    try {
      const events = this.events({ client, request, signal: watchdog.signal, context });
      yield* watchdog.watch(runSdkCall(events, notices, sdk, context, watchdog.signal));
    } finally {
      detach();
    }
  }

  /** The provider's own API, when no base URL is set (its host is named while waiting). */
  protected abstract readonly defaultBaseUrl: string;

  /** Imports the SDK module. */
  protected abstract importSdk(): Promise<Sdk>;

  /** Builds the one client this provider reuses. */
  protected abstract createClient(sdk: Sdk, settings: SdkClientSettings): Client;

  /** The events of one call (text, usage, done); may throw, `stream` maps what it throws. */
  protected abstract events(call: SdkCall<Client>): AsyncGenerator<ProviderEvent>;

  async #load(): Promise<{ sdk: Sdk; client: Client }> {
    const { maxRetries = 2, fetch, log = () => undefined, apiKey } = this.options;
    const sdk = await this.importSdk();
    const client = this.createClient(sdk, {
      maxRetries,
      fetch: retryObservingFetch(
        maxRetries,
        (retry) => this.#retries.notify(retryNotice(this.providerName, retry)),
        fetch,
      ),
      logger: sdkLogger(`${this.id} SDK`, log, [apiKey]),
    });
    return { sdk, client };
  }
}

/** The host of a base URL (`api.openai.com`, `127.0.0.1:8080`), or the text itself. */
function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}
