import { describe, expect, it } from 'vitest';
import { loadedConversation } from '../../../src/core/conversations/resume';
import type { Conversation, SavedMessage } from '../../../src/core/conversations/types';
import { NO_CALL_FIELDS } from '../../../src/core/conversations/types';

const common = { provider: 'anthropic', model: 'claude-sonnet-4-5', sessionId: 's', createdAtMs: 0 };
const question: SavedMessage = { ...common, ...NO_CALL_FIELDS, seq: 0, role: 'user', content: 'q' };
const answer: SavedMessage = {
  ...common,
  seq: 1,
  role: 'assistant',
  content: 'a',
  callId: 'c',
  promptTokens: 1_042,
  outputTokens: 100,
  costPicoUsd: 1n,
  simulatedCostPicoUsd: null,
  outcome: 'ok',
  estimated: false,
  stopReason: null,
};

function saved(last: Partial<SavedMessage>, system: string | null = 'be brief'): Conversation {
  return {
    id: 'c1',
    createdAtMs: 0,
    updatedAtMs: 0,
    mode: 'real',
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    turns: 1,
    costPicoUsd: 1n,
    unpricedTurns: 0,
    simulatedCostPicoUsd: null,
    firstMessage: 'q',
    system,
    messages: [question, { ...answer, ...last }],
  };
}

const target = { providerId: 'anthropic', model: 'claude-sonnet-4-5', system: 'be brief' };

describe('a conversation loaded to continue', () => {
  it('brings the size its last call measured: prompt plus output, cache cold', () => {
    const loaded = loadedConversation(saved({}), target);
    expect(loaded.id).toBe('c1');
    expect(loaded.messages).toEqual([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a' },
    ]);
    expect(loaded.size).toEqual({
      tokens: 1_142,
      cachedTokens: 0,
      cachedAtMs: null,
      cachedModel: null,
      estimated: false,
    });
  });

  it('holds the prompt its last call sent as cached from that call on, when caching is on', () => {
    const last = { createdAtMs: 1_700_000_000_000 };
    // Sonnet 4.5 caches from 1,024 tokens: the 1,042-token prompt was marked whole.
    expect(loadedConversation(saved(last), { ...target, cache: '5m' }).size).toEqual({
      tokens: 1_142,
      cachedTokens: 1_042,
      cachedAtMs: 1_700_000_000_000,
      cachedModel: 'claude-sonnet-4-5',
      estimated: false,
    });
    // Below the minimum nothing was marked; with caching off nothing is asked for.
    const short = saved({ ...last, promptTokens: 1_000 });
    expect(loadedConversation(short, { ...target, cache: '5m' }).size?.cachedTokens).toBe(0);
    expect(loadedConversation(saved(last), { ...target, cache: 'off' }).size?.cachedTokens).toBe(0);
    // OpenAI caches automatically in 128-token steps from 1,024.
    const openai = { providerId: 'openai', model: 'gpt-4o', system: 'be brief', cache: '5m' as const };
    const gpt = saved({ ...last, provider: 'openai', model: 'gpt-4o' });
    expect(loadedConversation(gpt, openai).size?.cachedTokens).toBe(1_024);
  });

  it.each([
    ['the last reply was estimated', saved({ estimated: true }), target],
    ['it was saved before the flag was kept', saved({ estimated: null }), target],
    ['the last reply was cancelled', saved({ outcome: 'aborted' }), target],
    ['it goes on with another model', saved({}), { ...target, model: 'claude-haiku-4-5' }],
    ['it goes on in mock mode', saved({}), { ...target, providerId: 'mock' }],
    ['--system gives another system prompt', saved({}), { ...target, system: 'be long' }],
    ['it had no system prompt and now has one', saved({}, null), target],
  ])('is counted again with the tokenizer when %s', (_name, conversation, to) => {
    expect(loadedConversation(conversation, to).size).toBeUndefined();
  });
});
