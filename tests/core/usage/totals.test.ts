import { describe, expect, it } from 'vitest';
import {
  addTotals,
  type CallTotals,
  EMPTY_TOTALS,
  sumTotals,
  totalsOfCall,
} from '../../../src/core/usage/totals';
import { totalsJson } from '../../../src/reports/totals-json';
import { makeCall } from '../ledger/helpers';

const withSimulated = (simulatedCostPicoUsd: bigint | null): CallTotals => ({
  ...EMPTY_TOTALS,
  calls: { ok: 1, failed: 0, aborted: 0 },
  simulatedCostPicoUsd,
});

describe('call totals', () => {
  it.each([
    [null, null, null],
    [null, 5n, 5n],
    [7n, null, 7n],
    [7n, 5n, 12n],
    [0n, null, 0n],
  ])('adds simulated costs %s + %s = %s (null only when neither exists)', (a, b, sum) => {
    expect(addTotals(withSimulated(a), withSimulated(b)).simulatedCostPicoUsd).toBe(sum);
  });

  it('sums every figure of the calls exactly, the buckets in display order', () => {
    const usage = {
      inputTokens: 10,
      cacheReadTokens: 20,
      cacheWrite5mTokens: 3,
      cacheWrite1hTokens: 4,
      outputTokens: 50,
      reasoningTokens: 6,
    };
    const calls = [
      makeCall({ usage, costPicoUsd: 10n ** 20n, cacheSavingsPicoUsd: 2n }),
      makeCall({ usage, outcome: 'failed', costPicoUsd: null, estimated: true, cacheSavingsPicoUsd: 0n }),
      makeCall({ usage, outcome: 'aborted', costPicoUsd: 1n, cacheSavingsPicoUsd: 0n }),
    ];
    const totals = sumTotals(calls.map(totalsOfCall));
    expect(totals).toEqual({
      calls: { ok: 1, failed: 1, aborted: 1 },
      usage: {
        inputTokens: 30,
        cacheReadTokens: 60,
        cacheWrite5mTokens: 9,
        cacheWrite1hTokens: 12,
        outputTokens: 150,
        reasoningTokens: 18,
      },
      costPicoUsd: 10n ** 20n + 1n,
      unpricedCalls: 1,
      estimatedCalls: 1,
      cacheSavingsPicoUsd: 2n,
      simulatedCostPicoUsd: null,
    });
    expect(Object.keys(totals.usage)).toEqual(Object.keys(usage));
  });

  it.each([
    [[null, null], null],
    [[null, 5n, null], 5n],
    [[0n, null], 0n],
    [[7n, 5n, null, 1n], 13n],
  ])('sums simulated costs %s to %s, null only when none exists', (simulated, sum) => {
    expect(sumTotals(simulated.map(withSimulated)).simulatedCostPicoUsd).toBe(sum);
  });

  it('sums no totals to the totals of no calls', () => {
    expect(sumTotals([])).toEqual(EMPTY_TOTALS);
  });
});

describe('totalsJson', () => {
  it.each([
    ['omit', null, undefined],
    ['null-when-none', null, null],
    ['zero-when-none', null, '0'],
    ['null-when-none', 1_500_000n, '0.0000015'],
    ['zero-when-none', 1_500_000n, '0.0000015'],
  ] as const)('writes simulatedCostUsd with %s for %s as %j', (mode, simulated, expected) => {
    const json = totalsJson(withSimulated(simulated), mode);
    expect(json.simulatedCostUsd).toBe(expected);
    expect('simulatedCostUsd' in json).toBe(mode !== 'omit');
  });
});
