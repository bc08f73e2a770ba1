import { expect } from 'vitest';
import { ChatSession } from '../../../src/core/chat/session';
import type { ChatSessionOptions } from '../../../src/core/chat/session-types';
import type { ChatEvent } from '../../../src/core/chat/types';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import { AnthropicProvider } from '../../../src/core/providers/anthropic';
import { OpenAiProvider } from '../../../src/core/providers/openai';
import type { ChatProvider } from '../../../src/core/providers/types';
import type { Usage } from '../../../src/core/usage/types';
import { loadFixture, type ReplayServer, replayResponse } from '../../helpers/replay-server';
import { collect, endOf } from '../chat/helpers';

/** A recognisable fake key: tests assert it never shows up in any output. */
export const FAKE_KEY = 'sk-test-LEAKCHECK-1234567890';

/** The built-in price table (what users get). */
export const priceTable = builtinPriceTable();

/** An OpenAI provider pointed at the replay server. */
export function openAiAt(
  server: ReplayServer,
  options: {
    api?: 'chat' | 'responses';
    stream?: boolean;
    maxRetries?: number;
    /** Send `prompt_cache_key` as to OpenAI itself (off by default on a base URL). */
    promptCacheKey?: boolean;
  } = {},
): OpenAiProvider {
  return new OpenAiProvider({
    apiKey: FAKE_KEY,
    baseUrl: `${server.origin}/v1`,
    api: options.api ?? 'chat',
    stream: options.stream ?? true,
    maxRetries: options.maxRetries ?? 2,
    ...(options.promptCacheKey === undefined ? {} : { promptCacheKey: options.promptCacheKey }),
  });
}

/** An Anthropic provider pointed at the replay server. */
export function anthropicAt(
  server: ReplayServer,
  options: { stream?: boolean; maxRetries?: number } = {},
): AnthropicProvider {
  return new AnthropicProvider({
    apiKey: FAKE_KEY,
    baseUrl: server.origin,
    stream: options.stream ?? true,
    maxRetries: options.maxRetries ?? 2,
  });
}

/** One metered call through a real-mode ChatSession: every event and the `end` event. */
export async function meteredCall(
  provider: ChatProvider,
  model: string,
  text = 'hi',
): Promise<{ events: ChatEvent[]; end: Extract<ChatEvent, { type: 'end' }> }> {
  const session = realSession(provider, model);
  const events = await collect(session.send(text, new AbortController().signal));
  return { events, end: endOf(events) };
}

/** The notices of a call's events. */
export function noticesOf(events: readonly ChatEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
}

/** A usage with the buckets the recordings carry (they have no 1-hour cache writes). */
export function usageOf(
  inputTokens: number,
  cacheReadTokens: number,
  cacheWrite5mTokens: number,
  outputTokens: number,
  reasoningTokens = 0,
): Usage {
  return {
    inputTokens,
    cacheReadTokens,
    cacheWrite5mTokens,
    cacheWrite1hTokens: 0,
    outputTokens,
    reasoningTokens,
  };
}

/** What one recorded response must meter to. */
export interface MeteringCase {
  readonly file: string;
  readonly model: string;
  readonly usage: Usage;
  /** Exact cost in pico-USD at the built-in prices; null when the model has no price. */
  readonly cost: bigint | null;
  readonly replyStart: string;
}

/** Asserts that a call was metered exactly as its recording says: ok, not estimated, exact. */
export function expectExactMetering(
  end: Extract<ChatEvent, { type: 'end' }>,
  expected: MeteringCase,
): void {
  expect(end.call.outcome).toBe('ok');
  expect(end.call.estimated).toBe(false);
  expect(end.call.usage).toEqual(expected.usage);
  expect(end.call.costPicoUsd).toBe(expected.cost);
  expect(end.reply.startsWith(expected.replyStart)).toBe(true);
}

/** Every case twice: its stream replayed whole, and one byte at a time. */
export function wholeAndBytewise<T extends object>(
  cases: readonly T[],
): (T & { readonly mode: 'whole' | 'bytewise' })[] {
  return cases.flatMap((c) => [
    { ...c, mode: 'whole' as const },
    { ...c, mode: 'bytewise' as const },
  ]);
}

/** A real-mode session on `provider` at the built-in prices, no sinks; `options` adds the rest. */
export function realSession(
  provider: ChatProvider,
  model: string,
  options: Partial<ChatSessionOptions> = {},
): ChatSession {
  return new ChatSession({
    sessionId: 'replay-session',
    provider,
    providerFactory: () => provider,
    model,
    priceTable,
    sinks: [],
    mode: 'real',
    ...options,
  });
}

/** Sends `text` on `session`: the turn's `end` event. */
export async function turnOn(session: ChatSession, text: string) {
  return endOf(await collect(session.send(text, new AbortController().signal)));
}

/** A recorded response body with its `usage` replaced by the figures a test needs. */
export function withUsage(file: string, usage: Record<string, unknown>) {
  const recorded = JSON.parse(loadFixture(file).body.toString('utf8')) as Record<string, unknown>;
  return replayResponse(JSON.stringify({ ...recorded, usage }), 200, {
    'content-type': 'application/json',
  });
}
