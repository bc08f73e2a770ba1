import { createPriceTable } from '../../../src/core/pricing/table';
import { describe, expect, it } from 'vitest';
import { costOfCall } from '../../../src/core/chat/call-outcome';
import { listPriceDiffers } from '../../../src/core/usage/provider-cost';
import type { ModelPrice, PriceTable, Rates } from '../../../src/core/pricing/types';
import { type Usage, ZERO_USAGE } from '../../../src/core/usage/types';
import { collect, endOf, ScriptedProvider, TEST_PRICE, testSession } from './helpers';

/** Rates from USD-per-1M figures written as micro-USD integers. */
function rates(input: bigint, output: bigint, over: Partial<Rates> = {}): Rates {
  return {
    input,
    output,
    cacheRead: input,
    cacheWrite5m: input,
    cacheWrite1h: input,
    inputAudio: input,
    outputAudio: output,
    ...over,
  };
}

function table(price: ModelPrice): PriceTable {
  return createPriceTable(new Map([[price.id, price]]));
}


const usage = (over: Partial<Usage>): Usage => ({ ...ZERO_USAGE, ...over });

// gpt-realtime, OpenAI pricing page (platform.openai.com/docs/pricing, checked 2026-12-05; the
// same figures are in genai-prices' data): text $4 in / $0.40 cached / $16 out, audio $32 in /
// $0.40 cached / $64 out per 1M tokens.
const gptRealtime: ModelPrice = {
  ...TEST_PRICE,
  id: 'gpt-realtime',
  provider: 'openai',
  rates: rates(4_000_000n, 16_000_000n, {
    cacheRead: 400_000n,
    inputAudio: 32_000_000n,
    outputAudio: 64_000_000n,
  }),
};

// gpt-5, OpenAI pricing page (standard / flex / priority tabs): $1.25 / $0.625 / $2.50 input,
// $10 / $5 / $20 output per 1M tokens.
const gpt5: ModelPrice = {
  ...TEST_PRICE,
  id: 'gpt-5',
  provider: 'openai',
  rates: rates(1_250_000n, 10_000_000n),
  serviceTiers: {
    flex: { rates: rates(625_000n, 5_000_000n), tiers: [] },
    priority: { rates: rates(2_500_000n, 20_000_000n), tiers: [] },
  },
};

describe('costOfCall', () => {
  it('bills audio parts at the audio rates', () => {
    // 100 text in x $4 + 600 audio in x $32 + 300 cached x $0.40 + 100 text out x $16
    // + 400 audio out x $64 = 46,920 USD per 1M tokens = $0.04692.
    const cost = costOfCall(
      table(gptRealtime),
      'gpt-realtime',
      usage({
        inputTokens: 700,
        cacheReadTokens: 300,
        outputTokens: 500,
        inputAudioTokens: 600,
        outputAudioTokens: 400,
      }),
      'real',
    );
    expect(cost.costPicoUsd).toBe(46_920_000_000n);
    expect(cost.costSource).toBe('list');
  });

  it.each([
    // 1M input + 100k output: standard $1.25 + $1.00, flex $0.625 + $0.50, priority $2.50 + $2.00
    ['default', 2_250_000_000_000n],
    ['flex', 1_125_000_000_000n],
    ['priority', 4_500_000_000_000n],
  ])('prices the %s service tier at its rates', (tier, pico) => {
    const cost = costOfCall(table(gpt5), 'gpt-5', usage({ inputTokens: 1_000_000, outputTokens: 100_000 }), 'real', {
      billing: { serviceTier: tier },
    });
    expect(cost.costPicoUsd).toBe(pico);
    expect(cost.serviceTier).toBe(tier);
  });

  it('uses the tier the response reports over the one requested', () => {
    const cost = costOfCall(table(gpt5), 'gpt-5', usage({ inputTokens: 1_000_000 }), 'real', {
      billing: { serviceTier: 'default' },
      requestedServiceTier: 'flex',
    });
    expect(cost.serviceTier).toBe('default');
    expect(cost.costPicoUsd).toBe(1_250_000_000_000n);
  });

  it('leaves a call on a tier without a price unpriced', () => {
    const cost = costOfCall(table(gpt5), 'gpt-5', usage({ inputTokens: 10 }), 'real', {
      requestedServiceTier: 'batch',
    });
    expect(cost.costPicoUsd).toBeNull();
  });

  it("takes the provider's charge as the cost and keeps the list figure beside it", () => {
    const cost = costOfCall(table(gpt5), 'gpt-5', usage({ inputTokens: 1_000_000 }), 'real', {
      billing: { providerCostPicoUsd: 1_300_000_000_000n },
    });
    expect(cost).toMatchObject({
      costPicoUsd: 1_300_000_000_000n,
      costSource: 'provider',
      listCostPicoUsd: 1_250_000_000_000n,
      providerCostPicoUsd: 1_300_000_000_000n,
    });
    expect(listPriceDiffers(cost)).toBe(true);
  });

  it('prices an unknown model when its provider reports a charge', () => {
    const cost = costOfCall(table(gpt5), 'x-ai/grok-9', usage({ inputTokens: 5 }), 'real', {
      billing: { providerCostPicoUsd: 3_775_600_000n },
    });
    expect(cost).toMatchObject({
      costPicoUsd: 3_775_600_000n,
      costSource: 'provider',
      listCostPicoUsd: null,
    });
    expect(listPriceDiffers(cost)).toBe(false);
  });

  it('ignores a reported charge in mock mode', () => {
    const cost = costOfCall(table(gpt5), 'gpt-5', usage({ inputTokens: 1_000_000 }), 'mock', {
      billing: { providerCostPicoUsd: 1n },
    });
    expect(cost).toMatchObject({ costPicoUsd: 0n, simulatedCostPicoUsd: 1_250_000_000_000n });
  });
});

describe('listPriceDiffers', () => {
  it.each([
    [1000n, 1010n, false],
    [1000n, 1011n, true],
    [1000n, 989n, true],
    [1000n, 990n, false],
    [0n, 1n, true],
    [0n, 0n, false],
  ])('list %s vs provider %s: differs %s', (list, provider, differs) => {
    expect(listPriceDiffers({ listCostPicoUsd: list, providerCostPicoUsd: provider })).toBe(differs);
  });
});

describe('ChatSession pricing', () => {
  it('prices a call at the rates in force when it was made', async () => {
    const changedMs = Date.UTC(2026, 2, 13);
    const dated: ModelPrice = {
      ...gpt5,
      id: 'test-model',
      serviceTiers: {},
      // $2 per 1M input before 2026-03-13, $1.25 (the current rates) from then on.
      history: [
        { fromMs: 0, rates: rates(2_000_000n, 10_000_000n), tiers: [] },
        { fromMs: changedMs, rates: gpt5.rates, tiers: [] },
      ],
    };
    const sent = (atMs: number) => {
      const provider = new ScriptedProvider([
        [
          { type: 'usage', usage: usage({ inputTokens: 1_000_000 }) },
          { type: 'done', stopReason: 'stop' },
        ],
      ]);
      return testSession(provider, { priceTable: table(dated), clock: { nowMs: () => atMs } });
    };
    const before = endOf(await collect(sent(changedMs - 1).send('hi', new AbortController().signal)));
    const after = endOf(await collect(sent(changedMs).send('hi', new AbortController().signal)));
    expect(before.call.costPicoUsd).toBe(2_000_000_000_000n);
    expect(after.call.costPicoUsd).toBe(1_250_000_000_000n);
  });

  it('asks for the service tier and records the one the provider reports', async () => {
    const provider = new ScriptedProvider([
      [
        {
          type: 'usage',
          usage: usage({ inputTokens: 1_000_000, outputTokens: 100_000 }),
          billing: { serviceTier: 'flex', providerCostPicoUsd: 1_125_000_000_000n },
        },
        { type: 'done', stopReason: 'stop' },
      ],
    ]);
    const session = testSession(provider, {
      priceTable: table({ ...gpt5, id: 'test-model' }),
      serviceTier: 'flex',
    });
    const end = endOf(await collect(session.send('hi', new AbortController().signal)));
    expect(provider.requests[0]?.serviceTier).toBe('flex');
    expect(end.call).toMatchObject({
      serviceTier: 'flex',
      costPicoUsd: 1_125_000_000_000n,
      costSource: 'provider',
      listCostPicoUsd: 1_125_000_000_000n,
    });
  });
});
