import { describe, expect, it } from 'vitest';
import { summarizeSession, summaryFromCalls } from '../../../src/core/usage/summary';
import { SessionUsageTracker } from '../../../src/core/usage/tracker';
import { makeCall } from './tracker-fixtures';

const meta = {
  sessionId: 'session-1',
  startedAtMs: 10_000,
  endedAtMs: 202_000,
  mode: 'real',
} as const;

describe('session summaries', () => {
  it('adds the end time and duration to the final snapshot', () => {
    const tracker = new SessionUsageTracker(meta);
    tracker.record(makeCall({ costPicoUsd: 5n }));
    const summary = summarizeSession(tracker.snapshot(), 202_000);
    expect(summary).toMatchObject({
      sessionId: 'session-1',
      endedAtMs: 202_000,
      durationMs: 192_000,
    });
    expect(summary.totals.costPicoUsd).toBe(5n);
    expect(Object.isFrozen(summary)).toBe(true);
  });

  it('never reports a negative duration when the clock went backwards', () => {
    const tracker = new SessionUsageTracker(meta);
    expect(summarizeSession(tracker.snapshot(), 9_000).durationMs).toBe(0);
  });

  it('rebuilds from stored calls exactly what the live tracker showed', () => {
    const calls = [
      makeCall({
        model: 'gpt-5',
        usage: { inputTokens: 100, cacheReadTokens: 20 },
        costPicoUsd: 123n,
        cacheSavingsPicoUsd: 4n,
      }),
      makeCall({
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        outcome: 'aborted',
        estimated: true,
        costPicoUsd: 9n,
      }),
      makeCall({ model: 'local', costPicoUsd: null }),
    ];
    const live = new SessionUsageTracker(meta);
    for (const call of calls) live.record(call);
    expect(summaryFromCalls(meta, calls)).toEqual(
      summarizeSession(live.snapshot(), meta.endedAtMs),
    );
  });

  it('accepts any iterable of calls, such as a generator over ledger rows', () => {
    function* rows() {
      yield makeCall({ costPicoUsd: 1n });
      yield makeCall({ costPicoUsd: 2n });
    }
    const summary = summaryFromCalls({ ...meta, mode: 'mock' }, rows());
    expect(summary.totals.costPicoUsd).toBe(3n);
    expect(summary.mode).toBe('mock');
  });
});
