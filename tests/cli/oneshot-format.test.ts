import { describe, expect, it } from 'vitest';
import { oneShotBlockedJson, oneShotUsageLine } from '../../src/cli/oneshot-format';
import { ZERO_USAGE } from '../../src/core/usage/types';
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

describe('oneShotBlockedJson', () => {
  const call = { sessionId: 's-1', provider: 'openai', model: 'gpt-4o-mini' };

  it('is the one-shot object with outcome blocked, nothing used and a budget error', () => {
    expect(oneShotBlockedJson(call, 'Budget: not sent.', 'real')).toEqual({
      sessionId: 's-1',
      provider: 'openai',
      model: 'gpt-4o-mini',
      reply: '',
      outcome: 'blocked',
      usage: ZERO_USAGE,
      estimated: false,
      costUsd: '0',
      costSource: 'list',
      listCostUsd: '0',
      providerCostUsd: null,
      serviceTier: null,
      latencyMs: 0,
      stopReason: null,
      cut: null,
      error: { kind: 'budget', message: 'Budget: not sent.', status: null },
    });
  });

  it('adds a zero simulated cost in mock mode', () => {
    const json = oneShotBlockedJson({ ...call, provider: 'mock' }, 'Budget: not sent.', 'mock');
    expect(json.simulatedCostUsd).toBe('0');
  });
});
