import { describe, expect, it } from 'vitest';
import { planCache } from '../../../src/core/chat/cache-plan';
import {
  type CacheSetting,
  type ConversationSize,
  nextTurnUsage,
  sizeAfterCall,
} from '../../../src/core/chat/next-turn';
import { cacheRulesFor } from '../../../src/core/providers/cache-rules';
import { ProviderError } from '../../../src/core/providers/errors';
import { ZERO_USAGE } from '../../../src/core/usage/types';
import { collect, ScriptedProvider, testSession } from './helpers';

const SONNET = cacheRulesFor('anthropic', 'claude-sonnet-4-5');
const GPT = cacheRulesFor('openai', 'gpt-4o');

describe('cacheRulesFor', () => {
  it.each([
    ['anthropic', 'claude-sonnet-4-5', 'breakpoints', 1024],
    ['anthropic', 'claude-haiku-4-5-20251001', 'breakpoints', 4096],
    ['anthropic', 'claude-opus-4-5', 'breakpoints', 4096],
    ['anthropic', 'claude-3-5-haiku-latest', 'breakpoints', 2048],
    ['mock', 'claude-sonnet-4-5', 'breakpoints', 1024],
    ['openai', 'gpt-4o', 'automatic', 1024],
    ['mock', 'gpt-5-mini', 'automatic', 1024],
  ])('%s %s: %s, minimum %i tokens', (provider, model, style, minimum) => {
    expect(cacheRulesFor(provider, model)).toMatchObject({ style, minimumTokens: minimum });
  });
});

describe('planCache', () => {
  const plan = (cache: CacheSetting, systemTokens: number, messageTokens: number[]) =>
    planCache({ cache, key: 'k', rules: SONNET, systemTokens, messageTokens });

  it.each([
    ['off: nothing at all', 'off', 2000, [2000, 10, 10], undefined],
    ['a long system prompt and a long history', '5m', 2000, [10, 10, 10], [true, [1, 2]]],
    ['a short system prompt, the history long enough', '1h', 100, [1000, 10, 10], [false, [1, 2]]],
    ['the first turn: the new message alone', '5m', 0, [1500], [false, [0]]],
    ['under the minimum: no marks', '5m', 0, [500, 100, 100], [false, []]],
  ] as const)('%s', (_name, cache, systemTokens, messages, expected) => {
    const result = plan(cache, systemTokens, [...messages]);
    if (expected === undefined) {
      expect(result).toBeUndefined();
      return;
    }
    expect(result).toEqual({
      ttl: cache,
      key: 'k',
      systemBreakpoint: expected[0],
      messageBreakpoints: expected[1],
    });
  });

  it('marks nothing for automatic caching: the key alone does it', () => {
    expect(
      planCache({ cache: '5m', key: 'k', rules: GPT, systemTokens: 5000, messageTokens: [5000] }),
    ).toEqual({ ttl: '5m', key: 'k', systemBreakpoint: false, messageBreakpoints: [] });
  });
});

describe('nextTurnUsage', () => {
  const size: ConversationSize = {
    tokens: 3000,
    cachedTokens: 2500,
    cachedAtMs: 0,
    cachedModel: 'claude-sonnet-4-5',
    estimated: false,
  };
  const at = (nowMs: number, cache: CacheSetting = '5m', model = 'claude-sonnet-4-5') => ({
    model,
    rules: SONNET,
    cache,
    nowMs,
  });

  it.each([
    ['warm: reads the cached part, writes the rest', size, at(60_000), { cacheReadTokens: 2500, cacheWrite5mTokens: 500 }],
    ['1h TTL: still warm after 30 minutes', size, at(30 * 60_000, '1h'), { cacheReadTokens: 2500, cacheWrite1hTokens: 500 }],
    ['cold after 5 minutes: everything written again', size, at(5 * 60_000), { cacheWrite5mTokens: 3000 }],
    ['another model: its cache is cold', size, at(1000, '5m', 'claude-opus-4-1'), { cacheWrite5mTokens: 3000 }],
    ['cache off: all uncached input', { ...size, cachedTokens: 0, cachedAtMs: null }, at(0, 'off'), { inputTokens: 3000 }],
    ['under the minimum: uncached input', { ...size, tokens: 800, cachedTokens: 0, cachedAtMs: null }, at(0), { inputTokens: 800 }],
  ] as const)('%s', (_name, conversation, context, expected) => {
    expect(nextTurnUsage(conversation, context)).toEqual({ ...ZERO_USAGE, ...expected });
  });

  it('adds the new message to what is written', () => {
    expect(nextTurnUsage(size, at(0), 40)).toEqual({
      ...ZERO_USAGE,
      cacheReadTokens: 2500,
      cacheWrite5mTokens: 540,
    });
  });

  it('takes the cached part from the call: reads and writes (breakpoints), the prompt in steps (automatic)', () => {
    const usage = { ...ZERO_USAGE, inputTokens: 20, cacheReadTokens: 1000, cacheWrite5mTokens: 300, outputTokens: 80 };
    expect(sizeAfterCall(usage, false, SONNET, 'm', 7)).toEqual({
      tokens: 1400,
      cachedTokens: 1300,
      cachedAtMs: 7,
      cachedModel: 'm',
      estimated: false,
    });
    expect(sizeAfterCall({ ...ZERO_USAGE, inputTokens: 1300, outputTokens: 50 }, false, GPT, 'g', 7))
      .toMatchObject({ tokens: 1350, cachedTokens: 1280 });
  });
});

describe('ChatSession.nextTurn', () => {
  const countWords = {
    countTokens: (text: string) => text.split(/\s+/).filter(Boolean).length,
    countPromptTokens: () => 0,
  };
  const estimator = async () => countWords;

  it('counts a loaded conversation with the tokenizer and marks the figure estimated', async () => {
    const session = testSession(new ScriptedProvider([]), { estimator });
    session.loadConversation({
      id: 'saved-1',
      messages: [
        { role: 'user', content: 'one two three' },
        { role: 'assistant', content: 'four five' },
      ],
    });
    expect(session.conversationId).toBe('saved-1');
    await session.measureConversation();
    // 3 + 2 words, plus 4 tokens of framing per message; 1 USD per 1M input tokens.
    expect(session.nextTurn()).toMatchObject({
      promptTokens: 13,
      usage: { ...ZERO_USAGE, inputTokens: 13 },
      costPicoUsd: 13_000_000n,
      estimated: true,
    });
  });

  it('follows the last call, and starts again from the system prompt after clear()', async () => {
    const provider = new ScriptedProvider([
      [
        { type: 'text', text: 'Hello' },
        { type: 'usage', usage: { ...ZERO_USAGE, inputTokens: 30, outputTokens: 12 } },
        { type: 'done', stopReason: 'stop' },
      ],
    ]);
    const session = testSession(provider, { estimator, system: 'be brief' });
    const changes: number[] = [];
    const stop = session.subscribeNextTurn(() => changes.push(changes.length));
    await collect(session.send('hi', new AbortController().signal));
    expect(session.nextTurn()).toMatchObject({ promptTokens: 42, estimated: false });
    session.clear();
    await session.measureConversation();
    // `be brief`: 2 words and 4 tokens of framing.
    expect(session.nextTurn()).toMatchObject({ promptTokens: 6, estimated: true });
    expect(changes.length).toBeGreaterThanOrEqual(3);
    stop();
  });

  it.each([
    // Anthropic: the system prompt is its own cached prefix, still warm for a new conversation.
    ['anthropic', 'claude-sonnet-4-5', 1100, { cacheReadTokens: 1104 }],
    ['anthropic', 'claude-sonnet-4-5', 900, { inputTokens: 904 }],
    ['anthropic', 'claude-haiku-4-5', 1100, { inputTokens: 1104 }],
    // OpenAI: a new conversation sends a new prompt_cache_key, so nothing is counted as cached.
    ['openai', 'gpt-4o', 1100, { inputTokens: 1104 }],
  ] as const)(
    'after clear() on %s %s with a %i-word system prompt, the next turn is %j',
    async (providerId, model, words, expected) => {
      const system = Array.from({ length: words }, () => 'word').join(' ');
      const promptTokens = words + 4 + 5;
      const provider = new ScriptedProvider(
        [
          [
            { type: 'text', text: 'Hello' },
            {
              type: 'usage',
              usage: { ...ZERO_USAGE, cacheWrite5mTokens: promptTokens, outputTokens: 2 },
            },
            { type: 'done', stopReason: 'end_turn' },
          ],
        ],
        providerId,
      );
      const session = testSession(provider, { estimator, system, model, cache: '5m' });
      await collect(session.send('hi', new AbortController().signal));
      session.clear();
      await session.measureConversation();
      expect(session.nextTurn()?.usage).toEqual({ ...ZERO_USAGE, ...expected });
    },
  );

  it('keeps the warm cache of earlier calls after a reply cut short with no cache figures', async () => {
    const system = Array.from({ length: 1100 }, () => 'word').join(' ');
    const provider = new ScriptedProvider(
      [
        [
          { type: 'text', text: 'Hello' },
          { type: 'usage', usage: { ...ZERO_USAGE, cacheWrite5mTokens: 1109, outputTokens: 1 } },
          { type: 'done', stopReason: 'end_turn' },
        ],
        [
          { type: 'text', text: 'partial' },
          { type: 'error', error: new ProviderError('network', 'The stream was cut.') },
        ],
      ],
      'anthropic',
    );
    // The cut call's prompt is estimated too: words, plus 4 tokens of framing per message.
    const words = (text: string) => countWords.countTokens(text);
    const promptWords = {
      countTokens: words,
      countPromptTokens: (system: string | undefined, messages: readonly { content: string }[]) =>
        messages.reduce((sum, m) => sum + words(m.content) + 4, system ? words(system) + 4 : 0),
    };
    const session = testSession(provider, {
      estimator: async () => promptWords,
      system,
      model: 'claude-sonnet-4-5',
      cache: '5m',
    });
    await collect(session.send('hi', new AbortController().signal));
    await collect(session.send('again', new AbortController().signal));
    // The cut call was counted with the tokenizer: 1,104 + 5 + 5 + 5 prompt, 1 output.
    expect(session.nextTurn()).toMatchObject({
      promptTokens: 1120,
      usage: { ...ZERO_USAGE, cacheReadTokens: 1109, cacheWrite5mTokens: 11 },
      estimated: true,
    });
  });
});
