import { describe, expect, it } from 'vitest';
import { MockPromptCache } from '../../../src/core/providers/mock-cache';
import type { ChatMessage, RequestCache } from '../../../src/core/providers/types';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });

/** Breakpoints on the last two messages, as the chat session asks for them. */
const marks = (count: number, ttl: '5m' | '1h' = '5m'): RequestCache => ({
  ttl,
  key: 'conversation-1',
  systemBreakpoint: false,
  messageBreakpoints: [count - 2, count - 1].filter((i) => i >= 0),
});

describe('MockPromptCache with breakpoints (Claude ids)', () => {
  const model = 'claude-sonnet-4-5';

  it('writes a prefix at or above the minimum, then reads it when a request repeats it', () => {
    const cache = new MockPromptCache(() => 0);
    const first = [user('q1')];
    expect(
      cache.bill({ model, messages: first, cache: marks(1) }, { systemTokens: 0, messageTokens: [1500] }),
    ).toMatchObject({ inputTokens: 0, cacheReadTokens: 0, cacheWrite5mTokens: 1500 });
    const second = [...first, assistant('a1'), user('q2')];
    expect(
      cache.bill(
        { model, messages: second, cache: marks(3) },
        { systemTokens: 0, messageTokens: [1500, 100, 20] },
      ),
    ).toMatchObject({ inputTokens: 0, cacheReadTokens: 1500, cacheWrite5mTokens: 120 });
  });

  it('caches nothing under the model minimum (1,024 tokens for Sonnet 4.5)', () => {
    const cache = new MockPromptCache(() => 0);
    const request = { model, messages: [user('short')], cache: marks(1) };
    const counts = { systemTokens: 0, messageTokens: [1000] };
    expect(cache.bill(request, counts)).toMatchObject({ inputTokens: 1000, cacheWrite5mTokens: 0 });
    expect(cache.bill(request, counts)).toMatchObject({ inputTokens: 1000, cacheReadTokens: 0 });
  });

  it('caches nothing when the request asks for no caching (--cache off)', () => {
    const cache = new MockPromptCache(() => 0);
    const request = { model, messages: [user('long')] };
    const counts = { systemTokens: 0, messageTokens: [5000] };
    cache.bill(request, counts);
    expect(cache.bill(request, counts)).toMatchObject({ inputTokens: 5000, cacheReadTokens: 0 });
  });

  it('writes at the 1-hour rate with a 1-hour TTL and forgets an entry once its TTL is over', () => {
    let now = 0;
    const cache = new MockPromptCache(() => now);
    const request = { model, messages: [user('long')], cache: marks(1, '1h') };
    const counts = { systemTokens: 0, messageTokens: [2000] };
    expect(cache.bill(request, counts)).toMatchObject({ cacheWrite1hTokens: 2000 });
    now = 59 * 60_000;
    expect(cache.bill(request, counts)).toMatchObject({ cacheReadTokens: 2000 });
    // That read renewed the entry for another hour from 59 minutes.
    now = 59 * 60_000 + 60 * 60_000;
    expect(cache.bill(request, counts)).toMatchObject({ cacheReadTokens: 0, cacheWrite1hTokens: 2000 });
  });
});

describe('MockPromptCache with automatic caching (other ids)', () => {
  it('reads a repeated prompt of 1,024 tokens or more in 128-token steps, per cache key', () => {
    const cache = new MockPromptCache(() => 0);
    const first = { model: 'gpt-4o', messages: [user('q1')], cache: marks(1) };
    expect(cache.bill(first, { systemTokens: 0, messageTokens: [1300] })).toMatchObject({
      inputTokens: 1300,
      cacheReadTokens: 0,
      cacheWrite5mTokens: 0,
    });
    const second = { ...first, messages: [user('q1'), assistant('a1'), user('q2')] };
    // 1300 rounds down to 1280 (ten steps of 128).
    expect(cache.bill(second, { systemTokens: 0, messageTokens: [1300, 50, 10] })).toMatchObject({
      inputTokens: 80,
      cacheReadTokens: 1280,
    });
    const otherKey = { ...second, cache: { ...marks(3), key: 'conversation-2' } };
    expect(cache.bill(otherKey, { systemTokens: 0, messageTokens: [1300, 50, 10] })).toMatchObject({
      cacheReadTokens: 0,
    });
  });
});
