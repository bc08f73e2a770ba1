import { describe, expect, it } from 'vitest';
import type { ChatProvider } from '../../../src/core/providers/types';
import { ZERO_USAGE } from '../../../src/core/usage/types';
import { loadFixture } from '../../helpers/replay-server';
import { useReplayServer } from '../../helpers/replay-suite';
import { anthropicAt, openAiAt, realSession, turnOn as turn, withUsage } from './harness';

const server = useReplayServer();

/** About 1,500 tokens: Claude Sonnet 4 caches it (minimum 1,024). */
const LONG_SYSTEM = 'Answer as a careful reviewer who explains each step. '.repeat(150);

function sessionOn(provider: ChatProvider, model: string, clock: { nowMs: () => number }) {
  return realSession(provider, model, {
    sessionId: 'next-turn-session',
    system: LONG_SYSTEM,
    cache: '5m',
    clock,
  });
}

describe('the next-turn figure against recorded responses', () => {
  it('equals the input cost of the next Anthropic call when it reports the predicted tokens', async () => {
    // Turn 1 wrote 2,055 tokens and sent 18 uncached; its reply was 100 tokens. Turn 2 reads the
    // 2,055 and writes the 118 that follow them (as the provider reports in the second body).
    server.serve([
      loadFixture('anthropic/messages-cache-write-5m.json'),
      withUsage('anthropic/messages-cache-read.json', {
        input_tokens: 0,
        cache_read_input_tokens: 2055,
        cache_creation_input_tokens: 118,
        output_tokens: 100,
      }),
    ]);
    const session = sessionOn(anthropicAt(server, { stream: false }), 'claude-sonnet-4-20250514', {
      nowMs: () => 5_000_000,
    });
    await turn(session, 'What makes a good code review?');
    const figure = session.nextTurn();
    // 2055 x 0.30 (cache read) + 118 x 3.75 (5-minute write) = 1059 micro-USD.
    expect(figure).toMatchObject({
      promptTokens: 2173,
      usage: { ...ZERO_USAGE, cacheReadTokens: 2055, cacheWrite5mTokens: 118 },
      costPicoUsd: 1_059_000_000n,
      estimated: false,
      // Five minutes after the call that wrote it, the cache is cold (the status bar redraws).
      coldAtMs: 5_300_000,
    });
    const next = await turn(session, '');
    expect(next.call.usage).toEqual({ ...figure!.usage, outputTokens: 100 });
    // The call adds only its 100 output tokens at 15 USD per 1M (1500 micro-USD).
    expect(next.call.costPicoUsd).toBe(figure!.costPicoUsd! + 1_500_000_000n);
  });

  it('equals the input cost of the next OpenAI call when it reports the predicted tokens', async () => {
    // Turn 1: 1,220 prompt tokens (OpenAI caches them in 128-token steps: 1,152) and 100 out.
    server.serve([
      loadFixture('openai/chat-cached-tokens.json'),
      withUsage('openai/chat-cached-tokens.json', {
        prompt_tokens: 1320,
        completion_tokens: 100,
        total_tokens: 1420,
        prompt_tokens_details: { cached_tokens: 1152 },
      }),
    ]);
    const provider = openAiAt(server, { stream: false, promptCacheKey: true });
    const session = sessionOn(provider, 'gpt-4o-2024-08-06', { nowMs: () => 5_000_000 });
    await turn(session, 'first');
    const figure = session.nextTurn();
    // 1152 x 1.25 (cached) + 168 x 2.50 (uncached) = 1860 micro-USD.
    expect(figure).toMatchObject({
      promptTokens: 1320,
      usage: { ...ZERO_USAGE, cacheReadTokens: 1152, inputTokens: 168 },
      costPicoUsd: 1_860_000_000n,
    });
    const next = await turn(session, '');
    // The call adds 100 output tokens at 10 USD per 1M (1000 micro-USD).
    expect(next.call.costPicoUsd).toBe(figure!.costPicoUsd! + 1_000_000_000n);
  });

  it('prices the whole conversation as a cache write once the cache has gone cold', async () => {
    server.serve(loadFixture('anthropic/messages-cache-write-5m.json'));
    let now = 5_000_000;
    const session = sessionOn(anthropicAt(server, { stream: false }), 'claude-sonnet-4-20250514', {
      nowMs: () => now,
    });
    await turn(session, 'What makes a good code review?');
    now += 5 * 60_000 + 1;
    // 2173 x 3.75 = 8148.75 micro-USD: nothing to read, everything written again.
    expect(session.nextTurn()).toMatchObject({
      usage: { ...ZERO_USAGE, cacheWrite5mTokens: 2173 },
      costPicoUsd: 8_148_750_000n,
    });
  });
});
