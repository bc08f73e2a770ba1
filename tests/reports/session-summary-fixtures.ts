import { type SessionSummary, summaryFromCalls } from '../../src/core/usage/summary';
import type { CallRecord } from '../../src/core/usage/types';
import { makeCall } from '../core/usage/tracker-fixtures';

/** 2026-11-23T06:00:00Z */
export const STARTED_AT_MS = Date.UTC(2026, 10, 23, 6, 0, 0);

/** A summary of `calls`, 3m 12s long. */
export function summaryOf(
  calls: readonly CallRecord[],
  mode: 'real' | 'mock' = 'real',
): SessionSummary {
  return summaryFromCalls(
    { sessionId: 'a1b2c3d4', startedAtMs: STARTED_AT_MS, endedAtMs: STARTED_AT_MS + 192_000, mode },
    calls,
  );
}

/** Two priced models, one with cached and reasoning tokens, one with a failed call. */
export const realCalls: readonly CallRecord[] = [
  makeCall({
    model: 'gpt-5-mini',
    usage: {
      inputTokens: 12_345,
      cacheReadTokens: 8_000,
      outputTokens: 2_100,
      reasoningTokens: 1_024,
    },
    costPicoUsd: 7_392_250_000n,
    cacheSavingsPicoUsd: 1_800_000_000n,
  }),
  makeCall({
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    usage: {
      inputTokens: 1_520_000,
      cacheWrite5mTokens: 1_500,
      cacheWrite1hTokens: 500,
      outputTokens: 300,
    },
    costPicoUsd: 4_567_000_000_000n,
  }),
  makeCall({
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    outcome: 'failed',
    costPicoUsd: 0n,
  }),
];

/** A call to a model without a price. */
export const unpricedCall: CallRecord = makeCall({
  model: 'my-local-model',
  usage: { inputTokens: 50, outputTokens: 20 },
  costPicoUsd: null,
});

/** An aborted call whose tokens were partly counted with the tokenizer. */
export const estimatedCall: CallRecord = makeCall({
  model: 'gpt-5-mini',
  outcome: 'aborted',
  estimated: true,
  usage: { inputTokens: 400, outputTokens: 90 },
  costPicoUsd: 190_000_000n,
});

/** Mock calls simulating gpt-5-mini. */
export const mockCalls: readonly CallRecord[] = [
  makeCall({
    provider: 'mock',
    model: 'gpt-5-mini',
    usage: { inputTokens: 30, outputTokens: 120 },
    costPicoUsd: 0n,
    simulatedCostPicoUsd: 247_500_000n,
  }),
  makeCall({
    provider: 'mock',
    model: 'gpt-5-mini',
    usage: { inputTokens: 170, outputTokens: 60 },
    costPicoUsd: 0n,
    simulatedCostPicoUsd: 162_500_000n,
  }),
];
