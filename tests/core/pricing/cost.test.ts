import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheSavingsPicoUsd, computeCost, priceUsage } from '../../../src/core/pricing/cost';
import { createPriceTable } from '../../../src/core/pricing/table';
import type { ModelPrice, Rates } from '../../../src/core/pricing/types';
import { USAGE_BUCKETS, type Usage, ZERO_USAGE } from '../../../src/core/usage/types';

/** Rates from USD-per-1M figures written as micro-USD integers. */
function rates(input: bigint, output: bigint, cacheRead = input, w5 = input, w1 = input): Rates {
  return {
    input,
    output,
    cacheRead,
    cacheWrite5m: w5,
    cacheWrite1h: w1,
    inputAudio: input,
    outputAudio: output,
  };
}

const sonnet: ModelPrice = {
  id: 'claude-sonnet-4-5',
  provider: 'anthropic',
  rates: rates(3_000_000n, 15_000_000n, 300_000n, 3_750_000n, 6_000_000n),
  tiers: [
    {
      aboveTokens: 200_000,
      rates: rates(6_000_000n, 22_500_000n, 600_000n, 7_500_000n, 12_000_000n),
    },
    {
      aboveTokens: 500_000,
      rates: rates(9_000_000n, 30_000_000n, 900_000n, 11_250_000n, 18_000_000n),
    },
  ],
  contextWindowTokens: 1_000_000,
  aliases: [],
  priceDate: null,
  source: null,
  origin: 'curated',
  history: [],
  serviceTiers: {},
};

function usage(buckets: Partial<Usage>): Usage {
  return { ...ZERO_USAGE, ...buckets };
}

describe('computeCost', () => {
  it('bills each bucket at its rate, in exact pico-USD', () => {
    const cost = computeCost(
      sonnet,
      usage({
        inputTokens: 100,
        cacheReadTokens: 1000,
        cacheWrite5mTokens: 200,
        cacheWrite1hTokens: 100,
        outputTokens: 50,
        reasoningTokens: 20,
      }),
    );
    expect(cost).toEqual({
      inputPicoUsd: 300_000_000n,
      cacheReadPicoUsd: 300_000_000n,
      cacheWrite5mPicoUsd: 750_000_000n,
      cacheWrite1hPicoUsd: 600_000_000n,
      outputPicoUsd: 750_000_000n,
      totalPicoUsd: 2_700_000_000n,
      tierAboveTokens: null,
      serviceTier: null,
    });
  });

  it('does not bill reasoning tokens on top of the output', () => {
    const withReasoning = computeCost(sonnet, usage({ outputTokens: 100, reasoningTokens: 90 }));
    const without = computeCost(sonnet, usage({ outputTokens: 100 }));
    expect(withReasoning.totalPicoUsd).toBe(without.totalPicoUsd);
  });

  it.each([
    { prompt: usage({ inputTokens: 200_000 }), tier: null },
    { prompt: usage({ inputTokens: 200_001 }), tier: 200_000 },
    { prompt: usage({ inputTokens: 1, cacheReadTokens: 200_000 }), tier: 200_000 },
    { prompt: usage({ cacheWrite5mTokens: 100_000, cacheWrite1hTokens: 100_001 }), tier: 200_000 },
    { prompt: usage({ inputTokens: 10, outputTokens: 900_000 }), tier: null },
    { prompt: usage({ inputTokens: 600_000 }), tier: 500_000 },
  ])('chooses the tier by the whole prompt ($tier)', ({ prompt, tier }) => {
    expect(computeCost(sonnet, prompt).tierAboveTokens).toBe(tier);
  });

  it('bills every bucket at the tier rates once the prompt crosses it (a cliff)', () => {
    const cost = computeCost(
      sonnet,
      usage({ inputTokens: 150_000, cacheReadTokens: 60_000, outputTokens: 1000 }),
    );
    expect(cost.inputPicoUsd).toBe(150_000n * 6_000_000n);
    expect(cost.cacheReadPicoUsd).toBe(60_000n * 600_000n);
    expect(cost.outputPicoUsd).toBe(1000n * 22_500_000n);
  });

  it('is additive over buckets: the total is the sum of single-bucket costs at the same tier', () => {
    const count = fc.nat({ max: 50_000_000 });
    fc.assert(
      fc.property(count, count, count, count, count, (i, r, w5, w1, o) => {
        const whole = usage({
          inputTokens: i,
          cacheReadTokens: r,
          cacheWrite5mTokens: w5,
          cacheWrite1hTokens: w1,
          outputTokens: o,
        });
        const cost = computeCost(sonnet, whole);
        const tier = sonnet.tiers.find((t) => t.aboveTokens === cost.tierAboveTokens);
        const flat: ModelPrice = { ...sonnet, rates: tier?.rates ?? sonnet.rates, tiers: [] };
        const parts = USAGE_BUCKETS.filter((b) => b !== 'reasoningTokens').map(
          (bucket) => computeCost(flat, usage({ [bucket]: whole[bucket] })).totalPicoUsd,
        );
        const sumOfParts = parts.reduce((a, b) => a + b, 0n);
        const sumOfBreakdown =
          cost.inputPicoUsd +
          cost.cacheReadPicoUsd +
          cost.cacheWrite5mPicoUsd +
          cost.cacheWrite1hPicoUsd +
          cost.outputPicoUsd;
        return cost.totalPicoUsd === sumOfParts && cost.totalPicoUsd === sumOfBreakdown;
      }),
    );
  });
});

describe('cacheSavingsPicoUsd', () => {
  it('is what cache reads would have cost uncached minus what they cost', () => {
    expect(
      cacheSavingsPicoUsd(sonnet, usage({ cacheReadTokens: 1000, cacheWrite5mTokens: 500 })),
    ).toBe(1000n * (3_000_000n - 300_000n));
  });

  it('uses the tier rates when the prompt crosses a tier', () => {
    expect(cacheSavingsPicoUsd(sonnet, usage({ inputTokens: 1, cacheReadTokens: 200_000 }))).toBe(
      200_000n * (6_000_000n - 600_000n),
    );
  });

  it('is zero without cache reads', () => {
    expect(cacheSavingsPicoUsd(sonnet, usage({ inputTokens: 5, cacheWrite1hTokens: 9 }))).toBe(0n);
  });
});

describe('priceUsage', () => {
  const table = createPriceTable(
    new Map([[sonnet.id, { ...sonnet, aliases: ['claude-sonnet-4-5-20250929'] }]]),
  );

  it('resolves the model and prices the usage', () => {
    const priced = priceUsage(
      table,
      'claude-sonnet-4-5-20250929',
      usage({ inputTokens: 1_000_000 }),
    );
    expect(priced.price?.id).toBe('claude-sonnet-4-5');
    expect(priced.cost?.totalPicoUsd).toBe(1_000_000n * 9_000_000n);
  });

  it('leaves an unknown model unpriced: cost null, never zero', () => {
    expect(priceUsage(table, 'my-local-llama', usage({ inputTokens: 10 }))).toEqual({
      price: undefined,
      cost: null,
      cacheSavingsPicoUsd: 0n,
      cacheWritePremiumPicoUsd: 0n,
    });
  });
});
