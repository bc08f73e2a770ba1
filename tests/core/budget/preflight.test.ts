import { describe, expect, it } from 'vitest';
import { estimateCall, findOverrun } from '../../../src/core/budget/preflight';
import { limits, table, USD } from './fixtures';

const price = table.resolve('test-model');

describe('estimateCall', () => {
  it('prices the prompt at the input rate and every allowed output token at the output rate', () => {
    // 100 tokens x 1e6 pico + 50 x 2e6 pico.
    expect(estimateCall('test-model', price, 100, 50).costPicoUsd).toBe(200_000_000n);
  });

  it('uses the long-context tier the prompt falls in', () => {
    expect(estimateCall('test-model', price, 1000, 0).costPicoUsd).toBe(1_000_000_000n);
    expect(estimateCall('test-model', price, 1001, 0).costPicoUsd).toBe(3_003_000_000n);
  });

  it('cannot price an unknown model', () => {
    expect(estimateCall('nope', undefined, 100, 50).costPicoUsd).toBeNull();
  });
});

describe('findOverrun', () => {
  const estimate = estimateCall('test-model', price, 100, 50); // 200,000,000 pico
  const spend = { session: 0n, daily: 0n, monthly: 0n };

  it('lets a call through that lands exactly on the limit', () => {
    expect(findOverrun(limits({ session: 200_000_000n }), spend, estimate)).toBeNull();
  });

  it('flags a call one pico-USD over the limit', () => {
    const overrun = findOverrun(limits({ session: 199_999_999n }), spend, estimate);
    expect(overrun?.status.scope).toBe('session');
  });

  it('flags every call against a limit of 0', () => {
    expect(findOverrun(limits({ daily: 0n }), spend, estimate)?.status.scope).toBe('daily');
  });

  it('never flags anything against a very large limit', () => {
    expect(findOverrun(limits({ monthly: 10n ** 24n * USD }), spend, estimate)).toBeNull();
  });

  it('names the scope with the least money left when several would go over', () => {
    const overrun = findOverrun(
      limits({ session: USD, daily: USD, monthly: 2n * USD }),
      { session: 0n, daily: USD - 100n, monthly: 2n * USD - 50n },
      estimate,
    );
    expect(overrun?.status.scope).toBe('monthly');
  });

  it('lets an unpriced call through', () => {
    const unpriced = estimateCall('nope', undefined, 100, 50);
    expect(findOverrun(limits({ session: 0n }), spend, unpriced)).toBeNull();
  });
});
