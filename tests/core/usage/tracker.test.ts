import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SessionUsageTracker, type UsageSnapshot } from '../../../src/core/usage/tracker';
import { type CallRecord, USAGE_BUCKETS, type Usage } from '../../../src/core/usage/types';
import { makeCall } from './tracker-fixtures';

function newTracker(mode: 'real' | 'mock' = 'real'): SessionUsageTracker {
  return new SessionUsageTracker({ sessionId: 'session-1', startedAtMs: 1_000, mode });
}

describe('SessionUsageTracker', () => {
  it('starts empty, with no last call', () => {
    const snapshot = newTracker().snapshot();
    expect(snapshot.models).toEqual([]);
    expect(snapshot.totals.calls).toEqual({ ok: 0, failed: 0, aborted: 0 });
    expect(snapshot.totals.costPicoUsd).toBe(0n);
    expect(snapshot.totals.simulatedCostPicoUsd).toBeNull();
    expect(snapshot.lastCall).toBeNull();
    expect(snapshot).toMatchObject({ sessionId: 'session-1', startedAtMs: 1_000, mode: 'real' });
  });

  it('aggregates calls per (provider, model) in the order each model was first used', () => {
    const tracker = newTracker();
    tracker.record(
      makeCall({ model: 'gpt-5', usage: { inputTokens: 10, outputTokens: 5 }, costPicoUsd: 7n }),
    );
    tracker.record(makeCall({ provider: 'anthropic', model: 'claude-haiku-4-5', costPicoUsd: 3n }));
    tracker.record(
      makeCall({
        model: 'gpt-5',
        usage: { inputTokens: 1, reasoningTokens: 2, outputTokens: 2 },
        costPicoUsd: 1n,
      }),
    );
    tracker.record(
      makeCall({ provider: 'mock', model: 'gpt-5', outcome: 'failed', costPicoUsd: 0n }),
    );
    const { models, totals } = tracker.snapshot();
    expect(models.map((m) => `${m.provider}/${m.model}`)).toEqual([
      'openai/gpt-5',
      'anthropic/claude-haiku-4-5',
      'mock/gpt-5',
    ]);
    expect(models[0]).toMatchObject({
      calls: { ok: 2, failed: 0, aborted: 0 },
      usage: { inputTokens: 11, outputTokens: 7, reasoningTokens: 2 },
      costPicoUsd: 8n,
      priced: true,
      estimated: false,
    });
    expect(models[2]?.calls).toEqual({ ok: 0, failed: 1, aborted: 0 });
    expect(totals.calls).toEqual({ ok: 3, failed: 1, aborted: 0 });
    expect(totals.costPicoUsd).toBe(11n);
  });

  it('marks a model unpriced with a null cost and leaves its calls out of the total cost', () => {
    const tracker = newTracker();
    tracker.record(
      makeCall({ model: 'my-local-model', costPicoUsd: null, usage: { inputTokens: 50 } }),
    );
    tracker.record(makeCall({ model: 'gpt-5', costPicoUsd: 40n }));
    const { models, totals } = tracker.snapshot();
    expect(models[0]).toMatchObject({ costPicoUsd: null, priced: false, unpricedCalls: 1 });
    expect(totals).toMatchObject({ costPicoUsd: 40n, unpricedCalls: 1 });
    expect(totals.usage.inputTokens).toBe(50);
  });

  it('flags estimated calls per model and counts them', () => {
    const tracker = newTracker();
    tracker.record(makeCall({ estimated: true, outcome: 'aborted' }));
    tracker.record(makeCall());
    tracker.record(makeCall({ model: 'gpt-5' }));
    const { models, totals } = tracker.snapshot();
    expect(models.map((m) => m.estimated)).toEqual([true, false]);
    expect(models[0]?.estimatedCalls).toBe(1);
    expect(totals.estimatedCalls).toBe(1);
    expect(totals.calls.aborted).toBe(1);
  });

  it('keeps simulated (mock) cost apart from real cost', () => {
    const tracker = newTracker('mock');
    tracker.record(makeCall({ provider: 'mock', costPicoUsd: 0n, simulatedCostPicoUsd: 500n }));
    tracker.record(makeCall({ provider: 'mock', costPicoUsd: 0n, simulatedCostPicoUsd: 250n }));
    const { models, totals, mode } = tracker.snapshot();
    expect(mode).toBe('mock');
    expect(models[0]?.simulatedCostPicoUsd).toBe(750n);
    expect(totals.simulatedCostPicoUsd).toBe(750n);
    expect(totals.costPicoUsd).toBe(0n);
  });

  it('sums cache savings per model and in total', () => {
    const tracker = newTracker();
    tracker.record(makeCall({ cacheSavingsPicoUsd: 9n }));
    tracker.record(makeCall({ model: 'b', cacheSavingsPicoUsd: 1n }));
    const { models, totals } = tracker.snapshot();
    expect(models.map((m) => m.cacheSavingsPicoUsd)).toEqual([9n, 1n]);
    expect(totals.cacheSavingsPicoUsd).toBe(10n);
  });

  it('returns the same frozen snapshot until the next record, and keeps old snapshots intact', () => {
    const tracker = newTracker();
    tracker.record(makeCall({ usage: { inputTokens: 3 }, costPicoUsd: 2n }));
    const first = tracker.snapshot();
    expect(tracker.snapshot()).toBe(first);
    for (const part of [
      first,
      first.models,
      first.models[0],
      first.models[0]?.usage,
      first.totals,
      first.totals.usage,
      first.totals.calls,
      first.lastCall,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    tracker.record(makeCall({ usage: { inputTokens: 4 }, costPicoUsd: 5n }));
    const second = tracker.snapshot();
    expect(second).not.toBe(first);
    expect(first.totals.usage.inputTokens).toBe(3);
    expect(first.models[0]?.costPicoUsd).toBe(2n);
    expect(second.totals.usage.inputTokens).toBe(7);
  });

  it('reuses the view of models that did not change', () => {
    const tracker = newTracker();
    tracker.record(makeCall({ model: 'a' }));
    tracker.record(makeCall({ model: 'b' }));
    const before = tracker.snapshot();
    tracker.record(makeCall({ model: 'b' }));
    const after = tracker.snapshot();
    expect(after.models[0]).toBe(before.models[0]);
    expect(after.models[1]).not.toBe(before.models[1]);
  });

  it('exposes the last recorded call for the status bar', () => {
    const tracker = newTracker();
    tracker.record(makeCall({ callId: 'first' }));
    tracker.record(makeCall({ callId: 'second', costPicoUsd: 12n }));
    expect(tracker.snapshot().lastCall).toMatchObject({ callId: 'second', costPicoUsd: 12n });
  });

  it('tells subscribers the new snapshot after each record until they unsubscribe', () => {
    const tracker = newTracker();
    const seen: UsageSnapshot[] = [];
    const unsubscribe = tracker.subscribe((snapshot) => seen.push(snapshot));
    tracker.record(makeCall());
    tracker.record(makeCall());
    unsubscribe();
    tracker.record(makeCall());
    expect(seen.map((s) => s.totals.calls.ok)).toEqual([1, 2]);
    expect(seen[1]).not.toBe(tracker.snapshot());
  });

  it('still tells every subscriber when one throws, then rethrows its error', () => {
    const tracker = newTracker();
    const seen: number[] = [];
    tracker.subscribe(() => {
      throw new Error('view crashed');
    });
    tracker.subscribe((snapshot) => seen.push(snapshot.totals.calls.ok));
    expect(() => tracker.record(makeCall())).toThrow('view crashed');
    expect(seen).toEqual([1]);
    expect(tracker.snapshot().totals.calls.ok).toBe(1);
  });
});

const usageArb: fc.Arbitrary<Usage> = fc
  .record({
    inputTokens: fc.nat(2_000_000),
    cacheReadTokens: fc.nat(2_000_000),
    cacheWrite5mTokens: fc.nat(100_000),
    cacheWrite1hTokens: fc.nat(100_000),
    outputTokens: fc.nat(200_000),
    reasoning: fc.nat(200_000),
  })
  .map(({ reasoning, ...rest }) => ({
    ...rest,
    reasoningTokens: Math.min(reasoning, rest.outputTokens),
  }));

const callArb: fc.Arbitrary<CallRecord> = fc
  .record({
    provider: fc.constantFrom('openai', 'anthropic', 'mock'),
    model: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
    outcome: fc.constantFrom('ok', 'failed', 'aborted') as fc.Arbitrary<CallRecord['outcome']>,
    usage: usageArb,
    estimated: fc.boolean(),
    costPicoUsd: fc.option(fc.bigInt({ min: 0n, max: 10n ** 15n }), { nil: null }),
    simulatedCostPicoUsd: fc.option(fc.bigInt({ min: 0n, max: 10n ** 15n }), { nil: null }),
    cacheSavingsPicoUsd: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    cacheWritePremiumPicoUsd: fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n }), {
      nil: undefined,
    }),
  })
  .map((fields) => makeCall(fields));

function bucketSums(calls: readonly CallRecord[]): Usage {
  const sum = (bucket: (typeof USAGE_BUCKETS)[number]) => calls.reduce((total, c) => total + c.usage[bucket], 0);
  return Object.fromEntries(
    USAGE_BUCKETS.map((bucket) => [bucket, sum(bucket)]),
  ) as unknown as Usage;
}

function sumOf(calls: readonly CallRecord[]) {
  const count = (outcome: CallRecord['outcome']) =>
    calls.filter((c) => c.outcome === outcome).length;
  const simulated = calls.filter((c) => c.simulatedCostPicoUsd !== null);
  const estimated = calls.filter((c) => c.estimated);
  return {
    calls: { ok: count('ok'), failed: count('failed'), aborted: count('aborted') },
    usage: bucketSums(calls),
    costPicoUsd: calls.reduce((sum, c) => sum + (c.costPicoUsd ?? 0n), 0n),
    simulatedCostPicoUsd:
      simulated.length === 0
        ? null
        : simulated.reduce((s, c) => s + (c.simulatedCostPicoUsd ?? 0n), 0n),
    unpricedCalls: calls.filter((c) => c.costPicoUsd === null).length,
    estimatedCalls: estimated.length,
    estimatedUsage: bucketSums(estimated),
    costEstimated: estimated.some((c) => c.costPicoUsd !== null || c.simulatedCostPicoUsd !== null),
    cacheSavingsPicoUsd: calls.reduce((sum, c) => sum + c.cacheSavingsPicoUsd, 0n),
    cacheWritePremiumPicoUsd: calls.reduce((sum, c) => sum + (c.cacheWritePremiumPicoUsd ?? 0n), 0n),
    providerCost: { calls: 0, costPicoUsd: 0n, listedCalls: 0, listedCostPicoUsd: 0n, listCostPicoUsd: 0n },
    // The generated calls carry no stop reason: none was cut.
    cutReplies: {},
  };
}

describe('SessionUsageTracker properties', () => {
  it('totals equal the sum of the recorded calls, in any order', () => {
    fc.assert(
      fc.property(
        fc
          .array(callArb, { maxLength: 60 })
          .chain((calls) =>
            fc.tuple(fc.constant(calls), fc.shuffledSubarray(calls, { minLength: calls.length })),
          ),
        ([calls, shuffled]) => {
          const a = newTracker();
          const b = newTracker();
          for (const call of calls) a.record(call);
          for (const call of shuffled) b.record(call);
          const expected = sumOf(calls);
          expect(a.snapshot().totals).toEqual(expected);
          expect(b.snapshot().totals).toEqual(expected);
        },
      ),
    );
  });

  it('per-model figures add up to the totals', () => {
    fc.assert(
      fc.property(fc.array(callArb, { maxLength: 60 }), (calls) => {
        const tracker = newTracker();
        for (const call of calls) tracker.record(call);
        const { models, totals } = tracker.snapshot();
        for (const bucket of USAGE_BUCKETS) {
          expect(models.reduce((sum, m) => sum + m.usage[bucket], 0)).toBe(totals.usage[bucket]);
        }
        expect(models.reduce((sum, m) => sum + (m.costPicoUsd ?? 0n), 0n)).toBe(totals.costPicoUsd);
        expect(
          models.reduce((sum, m) => sum + m.calls.ok + m.calls.failed + m.calls.aborted, 0),
        ).toBe(calls.length);
      }),
    );
  });
});
