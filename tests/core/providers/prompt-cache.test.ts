import { describe, expect, it } from 'vitest';
import type { CacheSetting } from '../../../src/core/chat/next-turn';
import type { ChatProvider } from '../../../src/core/providers/types';
import { loadFixture } from '../../helpers/replay-server';
import { useReplayServer } from '../../helpers/replay-suite';
import { anthropicAt, openAiAt, realSession, turnOn as turn } from './harness';

const server = useReplayServer();

/** A system prompt of about 1,500 tokens: over the 1,024-token minimum of Claude Sonnet 4. */
const LONG_SYSTEM = 'Answer as a careful reviewer who explains each step. '.repeat(150);

/** A session over `provider` whose clock stands still (the cache stays warm between turns). */
function sessionOn(provider: ChatProvider, model: string, cache: CacheSetting, system?: string) {
  return realSession(provider, model, {
    sessionId: 'cache-session',
    cache,
    clock: { nowMs: () => 1_000_000 },
    ...(system === undefined ? {} : { system }),
  });
}

/** The JSON body of the `index`th request the replay server got. */
function body(index: number): Record<string, unknown> {
  return JSON.parse(server.requests[index]!.body) as Record<string, unknown>;
}

const EPHEMERAL_5M = { type: 'ephemeral', ttl: '5m' };

describe('Anthropic prompt caching against the real SDK', () => {
  it('marks the system prompt, the previous turn and the new message in turn 2', async () => {
    server.requests.length = 0;
    server.serve([
      loadFixture('anthropic/messages-cache-write-5m.json'),
      loadFixture('anthropic/messages-cache-read.json'),
    ]);
    const provider = anthropicAt(server, { stream: false });
    const session = sessionOn(provider, 'claude-sonnet-4-20250514', '5m', LONG_SYSTEM);
    await turn(session, 'What makes a good code review?');
    const second = await turn(session, 'And what is a system?');

    const sent = body(1);
    expect(sent.system).toEqual([{ type: 'text', text: LONG_SYSTEM, cache_control: EPHEMERAL_5M }]);
    const messages = sent.messages as { role: string; content: unknown }[];
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    // The first question is read from the cache turn 1 wrote; it needs no mark of its own.
    expect(messages[0]!.content).toBe('What makes a good code review?');
    expect(messages[1]!.content).toEqual([
      { type: 'text', text: expect.stringMatching(/^Here are the key/), cache_control: EPHEMERAL_5M },
    ]);
    expect(messages[2]!.content).toEqual([
      { type: 'text', text: 'And what is a system?', cache_control: EPHEMERAL_5M },
    ]);
    // The recorded reply read 2,055 tokens from the cache: 11 x 3 + 2055 x 0.3 + 100 x 15 =
    // 2149.5 micro-USD, and reading them saved 2055 x (3 - 0.3) = 5548.5 micro-USD.
    expect(second.call.usage).toMatchObject({ inputTokens: 11, cacheReadTokens: 2055 });
    expect(second.call.costPicoUsd).toBe(2_149_500_000n);
    expect(second.call.cacheSavingsPicoUsd).toBe(5_548_500_000n);
  });

  it('asks for the 1-hour TTL with --cache 1h', async () => {
    server.requests.length = 0;
    server.serve(loadFixture('anthropic/messages-cache-write-5m.json'));
    const session = sessionOn(anthropicAt(server, { stream: false }), 'claude-sonnet-4-20250514', '1h', LONG_SYSTEM);
    await turn(session, 'hi');
    expect(body(0).system).toEqual([
      { type: 'text', text: LONG_SYSTEM, cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it('sends no cache_control at all with --cache off', async () => {
    server.requests.length = 0;
    server.serve(loadFixture('anthropic/messages-cache-write-5m.json'));
    const session = sessionOn(anthropicAt(server, { stream: false }), 'claude-sonnet-4-20250514', 'off', LONG_SYSTEM);
    await turn(session, 'first');
    await turn(session, 'second');
    for (const request of server.requests) expect(request.body).not.toContain('cache_control');
    expect(body(1).system).toBe(LONG_SYSTEM);
  });

  it('marks nothing while the conversation is under the model minimum', async () => {
    server.requests.length = 0;
    server.serve(loadFixture('anthropic/messages-basic.json'));
    // Claude Haiku 4.5 caches prefixes of 4,096 tokens or more; this one is about 1,500.
    const session = sessionOn(anthropicAt(server, { stream: false }), 'claude-haiku-4-5', '5m', LONG_SYSTEM);
    await turn(session, 'first');
    await turn(session, 'second');
    expect(server.requests[1]!.body).not.toContain('cache_control');
  });
});

describe('OpenAI prompt_cache_key against the real SDK', () => {
  it.each(['chat', 'responses'] as const)(
    'sends one key per conversation and a new one after /clear (%s API)',
    async (api) => {
      server.requests.length = 0;
      server.serve(
        loadFixture(api === 'chat' ? 'openai/chat-basic.json' : 'openai/responses-basic.json'),
      );
      const provider = openAiAt(server, { api, stream: false, promptCacheKey: true });
      const session = sessionOn(provider, 'gpt-4o-mini', '5m');
      const first = session.conversationId;
      await turn(session, 'one');
      await turn(session, 'two');
      session.clear();
      await turn(session, 'three');
      const keys = [0, 1, 2].map((i) => body(i).prompt_cache_key);
      expect(keys).toEqual([first, first, session.conversationId]);
      expect(session.conversationId).not.toBe(first);
    },
  );

  it('sends no key with --cache off', async () => {
    server.requests.length = 0;
    server.serve(loadFixture('openai/chat-basic.json'));
    const provider = openAiAt(server, { stream: false, promptCacheKey: true });
    await turn(sessionOn(provider, 'gpt-4o-mini', 'off'), 'off');
    expect(body(0)).not.toHaveProperty('prompt_cache_key');
  });

  it('sends no key to an OpenAI-compatible server on a base URL unless told it takes one', async () => {
    server.requests.length = 0;
    server.serve(loadFixture('openai/chat-basic.json'));
    await turn(sessionOn(openAiAt(server, { stream: false }), 'gpt-4o-mini', '5m'), 'compat');
    expect(body(0)).not.toHaveProperty('prompt_cache_key');
  });
});
