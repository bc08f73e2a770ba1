import { describe, expect, it } from 'vitest';
import { lazyTokenEstimator } from '../../../src/core/tokens/estimate';
import type { CacheSetting } from '../../../src/core/chat/next-turn';
import { ChatSession } from '../../../src/core/chat/session';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import { MockProvider } from '../../../src/core/providers/mock';
import { SessionUsageTracker } from '../../../src/core/usage/tracker';
import { collect, endOf } from './helpers';

const priceTable = builtinPriceTable();
const estimator = lazyTokenEstimator();

/** Twenty different questions, as a user would type them. */
const QUESTIONS = Array.from(
  { length: 20 },
  (_, i) => `Question ${i + 1}: how does step ${i + 1} of the build change the bundle size?`,
);

/** Plays the scripted conversation in mock mode on `model`; returns the session's totals. */
async function converse(model: string, cache: CacheSetting) {
  let now = 10_000_000;
  const clock = { nowMs: () => now };
  const provider = new MockProvider({ delayMs: 0, estimator, nowMs: clock.nowMs });
  const tracker = new SessionUsageTracker({ sessionId: 's', startedAtMs: 0, mode: 'mock' });
  const session = new ChatSession({
    sessionId: 's',
    provider,
    providerFactory: () => provider,
    model,
    priceTable,
    sinks: [tracker],
    mode: 'mock',
    cache,
    clock,
    estimator,
  });
  for (const question of QUESTIONS) {
    endOf(await collect(session.send(question, new AbortController().signal)));
    // Twenty seconds to read the reply and type the next question: the cache stays warm.
    now += 20_000;
  }
  return tracker.snapshot().totals;
}

describe('a scripted 20-turn mock conversation on claude-sonnet-4-5', () => {
  it('costs less with caching on than off, and says what the cache saved', async () => {
    const on = await converse('claude-sonnet-4-5', '5m');
    const off = await converse('claude-sonnet-4-5', 'off');
    expect(off.usage.cacheReadTokens).toBe(0);
    expect(off.cacheSavingsPicoUsd).toBe(0n);
    expect(on.usage.cacheReadTokens).toBeGreaterThan(0);
    expect(on.cacheSavingsPicoUsd).toBeGreaterThan(0n);
    expect(on.simulatedCostPicoUsd!).toBeLessThan(off.simulatedCostPicoUsd!);
    // The same conversation either way: the same prompt and output tokens, billed differently.
    expect(on.usage.outputTokens).toBe(off.usage.outputTokens);
    const prompt = (u: typeof on.usage) =>
      u.inputTokens + u.cacheReadTokens + u.cacheWrite5mTokens + u.cacheWrite1hTokens;
    expect(prompt(on.usage)).toBe(prompt(off.usage));
  });
});
