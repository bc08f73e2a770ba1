import { ChatSession } from '../../../src/core/chat/session';
import type { ChatEvent } from '../../../src/core/chat/types';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import { AnthropicProvider } from '../../../src/core/providers/anthropic';
import { OpenAiProvider } from '../../../src/core/providers/openai';
import type { ChatProvider } from '../../../src/core/providers/types';
import type { ReplayServer } from '../../helpers/replay-server';
import { collect, endOf } from '../chat/helpers';

/** A recognisable fake key: tests assert it never shows up in any output. */
export const FAKE_KEY = 'sk-test-LEAKCHECK-1234567890';

/** The built-in price table (what users get). */
export const priceTable = builtinPriceTable();

/** An OpenAI provider pointed at the replay server. */
export function openAiAt(
  server: ReplayServer,
  options: { api?: 'chat' | 'responses'; stream?: boolean; maxRetries?: number } = {},
): OpenAiProvider {
  return new OpenAiProvider({
    apiKey: FAKE_KEY,
    baseUrl: `${server.origin}/v1`,
    api: options.api ?? 'chat',
    stream: options.stream ?? true,
    maxRetries: options.maxRetries ?? 2,
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
  const session = new ChatSession({
    sessionId: 'replay-session',
    provider,
    providerFactory: () => provider,
    model,
    priceTable,
    sinks: [],
    mode: 'real',
  });
  const events = await collect(session.send(text, new AbortController().signal));
  return { events, end: endOf(events) };
}

/** The notices of a call's events. */
export function noticesOf(events: readonly ChatEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));
}
