import { MockCacheFile } from './mock-cache-file';
import { MESSAGE_OVERHEAD_TOKENS, type TokenEstimator } from '../tokens/estimate';
import { ZERO_USAGE } from '../usage/types';
import { type ErrorContext, providerError } from './map-error';
import { chunkReply, LONG_REPLY_PATTERN, longReply, mockReplyFor } from './mock-reply';
import { MockPromptCache } from './mock-cache';
import type { MockScriptStep } from './mock-script';
import type { ChatProvider, ProviderEvent, ProviderRequest } from './types';

/** Default pause between two streamed chunks of a mock reply, milliseconds. */
const DEFAULT_MOCK_DELAY_MS = 15;

/** Options of {@link MockProvider}. */
export interface MockProviderOptions {
  /** Pause between chunks, milliseconds (`CHATMETER_MOCK_DELAY_MS`; 0 in tests). */
  readonly delayMs: number;
  /** Loads the tokenizer that counts the mock's usage (lazily, on the first call). */
  readonly estimator: () => Promise<TokenEstimator>;
  /** Queued calls from `CHATMETER_MOCK_SCRIPT`; consumed in order, then normal replies. */
  readonly script?: MockScriptStep[];
  /** The clock of the simulated prompt cache (its entries expire), epoch ms; `Date.now` else. */
  readonly nowMs?: () => number;
  /**
   * Where the simulated prompt cache is kept between runs (only digests of prompt prefixes);
   * absent: it lives as long as the process.
   */
  readonly cacheFile?: string;
}

const MOCK_CONTEXT: ErrorContext = {
  providerName: 'the mock provider',
  keyVariable: 'OPENAI_API_KEY',
  model: 'mock',
};

/** Waits `ms` milliseconds, or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The start of `reply` that fits in `maxTokens` tokens (whole stream chunks), or null when all of
 * it fits. Counted chunk by chunk, so a long reply is never recounted from its start.
 */
function replyWithin(
  reply: string,
  maxTokens: number,
  countTokens: (text: string) => number,
): string | null {
  let tokens = 0;
  let kept = '';
  for (const chunk of chunkReply(reply)) {
    tokens += countTokens(chunk);
    if (tokens > maxTokens) return kept;
    kept += chunk;
  }
  return null;
}

/** Parses `CHATMETER_MOCK_DELAY_MS`: a non-negative integer, else the default. */
export function mockDelayFromEnv(value: string | undefined): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= 0
    ? n
    : DEFAULT_MOCK_DELAY_MS;
}

/**
 * The offline provider: deterministic replies derived from the last user message, streamed in
 * chunks, usage counted with the o200k tokenizer and reported like a real provider would.
 */
export class MockProvider implements ChatProvider {
  readonly id = 'mock';
  readonly #options: MockProviderOptions;
  readonly #script: MockScriptStep[];
  readonly #cache: MockPromptCache;

  constructor(options: MockProviderOptions) {
    this.#options = options;
    this.#script = [...(options.script ?? [])];
    const file = options.cacheFile === undefined ? undefined : new MockCacheFile(options.cacheFile);
    this.#cache = new MockPromptCache(options.nowMs ?? Date.now, file);
  }

  /** Streams the reply of one call; see {@link MockScriptStep} for scripted outcomes. */
  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
    const step = this.#script.shift() ?? {};
    const context = { ...MOCK_CONTEXT, model: request.model };
    const estimator = await this.#options.estimator();
    const prompt = request.messages.at(-1)?.content ?? '';
    for (const message of step.notices ?? []) yield { type: 'notice', message };
    yield { type: 'started' };
    const scriptedError = step.error
      ? providerError(step.error.kind, context, {
          status: step.error.status ?? null,
          providerMessage: step.error.message ?? null,
          retryAfterSeconds: step.error.retryAfterSeconds ?? null,
        })
      : step.cutAfterChars !== undefined
        ? providerError(
            'network',
            { ...context, midReply: step.cutAfterChars > 0 },
            { providerMessage: 'the stream was cut' },
          )
        : null;
    const stopAt = step.error ? (step.afterChars ?? 0) : step.cutAfterChars;
    if (scriptedError && stopAt === 0) {
      yield { type: 'error', error: scriptedError };
      return;
    }
    const long = LONG_REPLY_PATTERN.exec(prompt.trim());
    const whole =
      step.reply ??
      (long
        ? longReply(Number(long[1]), estimator.countTokens)
        : mockReplyFor(prompt, request.messages.filter((m) => m.role === 'assistant').length));
    // Like a real model, a reply longer than --max-tokens stops there (unless scripted).
    const limited =
      step.stopReason === undefined && request.maxTokens !== undefined
        ? replyWithin(whole, request.maxTokens, estimator.countTokens)
        : null;
    const reply = limited ?? whole;
    const stopReason = step.stopReason ?? (limited === null ? 'end_turn' : 'max_tokens');
    const counted = (text: string) => estimator.countTokens(text) + MESSAGE_OVERHEAD_TOKENS;
    let sent = 0;
    for (const chunk of chunkReply(reply)) {
      await pause(this.#options.delayMs, signal);
      if (signal.aborted) {
        yield { type: 'error', error: providerError('cancelled', context) };
        return;
      }
      const text = stopAt !== undefined ? chunk.slice(0, Math.max(0, stopAt - sent)) : chunk;
      if (text.length > 0) yield { type: 'text', text };
      sent += text.length;
      if (stopAt !== undefined && sent >= stopAt) break;
    }
    if (scriptedError) {
      yield { type: 'error', error: scriptedError };
      return;
    }
    if (step.usage !== false) {
      // Billed only once the reply is whole, as a provider caches only prompts it answered.
      const prompt = this.#cache.bill(request, {
        systemTokens: request.system ? counted(request.system) : 0,
        messageTokens: request.messages.map((message) => counted(message.content)),
      });
      const reasoningTokens = step.reasoningTokens ?? 0;
      const textTokens = limited === null ? estimator.countTokens(reply) : request.maxTokens!;
      const outputTokens = textTokens + reasoningTokens;
      yield { type: 'usage', usage: { ...ZERO_USAGE, ...prompt, outputTokens, reasoningTokens } };
    }
    yield { type: 'done', stopReason };
  }
}
