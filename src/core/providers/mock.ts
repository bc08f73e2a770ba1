import type { TokenEstimator } from '../chat/estimate';
import { ZERO_USAGE } from '../usage/types';
import { type ErrorContext, providerError } from './map-error';
import { chunkReply, LONG_REPLY_PATTERN, longReply, mockReplyFor } from './mock-reply';
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

  constructor(options: MockProviderOptions) {
    this.#options = options;
    this.#script = [...(options.script ?? [])];
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
    const reply =
      step.reply ??
      (long
        ? longReply(Number(long[1]), estimator.countTokens)
        : mockReplyFor(prompt, request.messages.filter((m) => m.role === 'assistant').length));
    const inputTokens = estimator.countPromptTokens(request.system, request.messages);
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
      const outputTokens = estimator.countTokens(reply);
      yield { type: 'usage', usage: { ...ZERO_USAGE, inputTokens, outputTokens } };
    }
    yield { type: 'done', stopReason: 'end_turn' };
  }
}
