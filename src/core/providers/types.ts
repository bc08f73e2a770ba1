import type { CallBilling, Usage } from '../usage/types';
import type { ProviderError } from './errors';

/** One message of the conversation sent to a provider. */
export interface ChatMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/**
 * Output tokens a call may produce when the request sets no `maxTokens`: the cap an adapter sends
 * when its API requires one (Anthropic Messages), and what budget pre-flight checks assume.
 */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

/** What a provider is asked for one call. */
export interface ProviderRequest {
  readonly model: string;
  readonly system?: string;
  readonly messages: readonly ChatMessage[];
  readonly maxTokens?: number;
  /** OpenAI's processing tier to ask for (`auto`, `default`, `flex`, `priority`); others ignore it. */
  readonly serviceTier?: string;
  /** Prompt caching to ask for; absent with `--cache off` (nothing cache-related is sent). */
  readonly cache?: RequestCache;
}

/** How long a prompt cache entry lives: Anthropic's two TTLs (OpenAI's cache keeps its own). */
export type CacheTtl = '5m' | '1h';

/**
 * The prompt caching of one request, worked out by the chat session for every provider alike:
 * Anthropic turns the breakpoints into `cache_control` blocks, OpenAI sends `key` as
 * `prompt_cache_key` (its cache is automatic), the mock simulates both.
 */
export interface RequestCache {
  readonly ttl: CacheTtl;
  /** Stable for one conversation, new for the next (`prompt_cache_key`). */
  readonly key: string;
  /** Whether the system prompt ends a cached prefix of its own. */
  readonly systemBreakpoint: boolean;
  /** Indexes into `messages` whose end is a cache breakpoint, ascending. */
  readonly messageBreakpoints: readonly number[];
}

/**
 * Events a provider streams for one call. `usage` is cumulative: each one replaces the previous
 * (never add them). A call ends with exactly one `done` or one `error`.
 */
export type ProviderEvent =
  /**
   * The provider has the request and may bill for it from here on: a streamed response's
   * headers arrived (the SDK retried whatever failed before), or a non-streamed request went
   * out. A call cancelled before this costs nothing and is recorded with no tokens.
   */
  | { readonly type: 'started' }
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'usage';
      readonly usage: Usage;
      /** The provider's own cost and service tier, when the response carries them. */
      readonly billing?: CallBilling;
    }
  | { readonly type: 'notice'; readonly message: string }
  /** The model the provider says answered (e.g. a dated id for an alias), once it is known. */
  | { readonly type: 'model'; readonly model: string }
  | { readonly type: 'done'; readonly stopReason: string | null }
  | { readonly type: 'error'; readonly error: ProviderError };

/** A model provider. Only the adapters under `core/providers` import an SDK. */
export interface ChatProvider {
  /** `openai`, `anthropic` or `mock`. */
  readonly id: string;
  /** Streams one call; aborting `signal` ends it with an `error` event of kind `cancelled`. */
  stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderEvent>;
}
