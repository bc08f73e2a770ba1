import { describe, expect, it } from 'vitest';
import { formatUsageLine } from '../../src/ui/format';
import { makeCall } from '../core/usage/tracker-fixtures';

describe('formatUsageLine', () => {
  const usage = { inputTokens: 10, outputTokens: 20 };

  it.each([
    ['a real priced call', false, makeCall({ costPicoUsd: 1_200_000_000n, usage }), '$0.0012'],
    ['a real unpriced call', false, makeCall({ costPicoUsd: null, usage }), 'unpriced'],
    [
      'mock mode simulating a priced model',
      true,
      makeCall({ provider: 'mock', simulatedCostPicoUsd: 1_200_000_000n, usage }),
      'sim $0.0012',
    ],
    ['the plain mock model', true, makeCall({ provider: 'mock', model: 'mock', usage }), '$0 (mock)'],
    [
      'mock mode simulating a model without a price',
      true,
      makeCall({ provider: 'mock', model: 'llama3', usage }),
      '$0 (mock, unpriced)',
    ],
    [
      "a call costed at the provider's charge",
      false,
      makeCall({
        costPicoUsd: 1_200_000_000n,
        costSource: 'provider',
        listCostPicoUsd: 1_000_000_000n,
        usage,
      }),
      "$0.0012 (provider's; list $0.001, +20.0%)",
    ],
  ])('shows the cost of %s', (_name, mock, call, cost) => {
    expect(formatUsageLine(call, mock).split(' · ')).toContain(cost);
  });
});

describe('how a call ended, in its usage line', () => {
  it.each([
    ['a reply the user cancelled', 'cancelled', 'cancelled'],
    ['a stream cut by the network', 'network', 'cut short'],
  ])('names %s', (_name, errorKind, shown) => {
    const call = makeCall({ outcome: 'aborted', estimated: true, errorKind });
    expect(formatUsageLine(call, false).split(' · ').at(-1)).toBe(shown);
  });
});

describe('the input part of a usage line', () => {
  it.each([
    [{ inputTokens: 300 }, 'in 300'],
    [{ inputTokens: 300, cacheReadTokens: 2000 }, 'in 2,300 (2,000 cached)'],
    [
      { inputTokens: 300, cacheReadTokens: 2000, cacheWrite5mTokens: 60, cacheWrite1hTokens: 40 },
      'in 2,400 (2,000 cached, 100 cache write)',
    ],
    [{ inputTokens: 300, cacheWrite5mTokens: 100 }, 'in 400 (100 cache write)'],
  ])('shows cache reads and writes like the one-shot line (%o)', (usage, shown) => {
    expect(formatUsageLine(makeCall({ usage }), false).split(' · ')[1]).toBe(shown);
  });
});
