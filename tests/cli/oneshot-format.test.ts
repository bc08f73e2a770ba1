import { describe, expect, it } from 'vitest';
import { oneShotUsageLine } from '../../src/cli/oneshot-format';
import { makeCall } from '../core/usage/tracker-fixtures';

describe('oneShotUsageLine', () => {
  const usage = { inputTokens: 5, outputTokens: 83 };

  it.each([
    ['the plain mock model', makeCall({ provider: 'mock', model: 'mock', usage }), '$0 (mock mode)'],
    [
      'a simulated priced model',
      makeCall({ provider: 'mock', model: 'gpt-4o', simulatedCostPicoUsd: 925_000_000n, usage }),
      'simulated $0.00093, not charged',
    ],
    [
      'a simulated model without a price',
      makeCall({ provider: 'mock', model: 'llama3', usage }),
      '$0 (mock mode, unpriced)',
    ],
  ])('shows the mock cost of %s', (_name, call, cost) => {
    expect(oneShotUsageLine(call, 'mock').split(' · ')).toContain(cost);
  });
});
