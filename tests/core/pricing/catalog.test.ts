import { describe, expect, it } from 'vitest';
import { priceUsage } from '../../../src/core/pricing/cost';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import { type Usage, ZERO_USAGE } from '../../../src/core/usage/types';

/**
 * The built-in prices: the bundled genai-prices data (data/genai-prices-v2.json, 2026-08-21)
 * under the curated layer (models.pricing.ts). Every expected figure below is a provider's
 * published rate, restated by hand from the page named beside it (the same rates the data
 * records), never computed by chatmeter: USD per 1M tokens, so N tokens at $R cost N x R
 * micro-USD = N x R x 10^6 pico-USD.
 */
const NOW = Date.parse('2026-12-05T12:00:00Z');
const table = builtinPriceTable(NOW);

function usage(parts: Partial<Usage>): Usage {
  return { ...ZERO_USAGE, ...parts };
}

function costOf(model: string, parts: Partial<Usage>, options = {}): bigint | null {
  return priceUsage(table, model, usage(parts), options).cost?.totalPicoUsd ?? null;
}

describe('models people use today are priced at their published rates', () => {
  it.each([
    // developers.openai.com/api/docs/pricing
    ['gpt-5.2', 1_000_000, 1_000_000, 1_750_000_000_000n + 14_000_000_000_000n],
    ['gpt-5.2-2025-12-11', 1_000_000, 0, 1_750_000_000_000n],
    ['gpt-5.4-mini', 1_000_000, 1_000_000, 750_000_000_000n + 4_500_000_000_000n],
    ['gpt-5.5', 1000, 1000, 5_000_000_000n + 30_000_000_000n],
    ['gpt-5.5-pro', 1000, 1000, 30_000_000_000n + 180_000_000_000n],
    ['gpt-5.1-codex', 1000, 1000, 1_250_000_000n + 10_000_000_000n],
    // platform.claude.com/docs/en/about-claude/pricing
    ['claude-opus-4-7', 1000, 1000, 5_000_000_000n + 25_000_000_000n],
    ['claude-opus-4-8', 1000, 1000, 5_000_000_000n + 25_000_000_000n],
    ['claude-opus-5', 1000, 1000, 5_000_000_000n + 25_000_000_000n],
    // ai.google.dev/gemini-api/docs/pricing
    ['gemini-3.5-flash', 1000, 1000, 1_500_000_000n + 9_000_000_000n],
    // docs.x.ai/docs/models
    ['grok-4.3', 1000, 1000, 1_250_000_000n + 2_500_000_000n],
    ['grok-4-1-fast-reasoning', 1000, 1000, 200_000_000n + 500_000_000n],
    // api-docs.deepseek.com/quick_start/pricing
    ['deepseek-v4-flash', 1000, 1000, 140_000_000n + 280_000_000n],
    // mistral.ai/pricing
    ['mistral-large-latest', 1000, 1000, 2_000_000_000n + 6_000_000_000n],
    ['magistral-medium-latest', 1000, 1000, 2_000_000_000n + 5_000_000_000n],
  ])('prices %s: %i in, %i out', (model, inputTokens, outputTokens, expected) => {
    expect(costOf(model, { inputTokens, outputTokens })).toBe(expected);
  });

  it('bills the whole request at the long-context rates above the threshold (gpt-5.4, >272K)', () => {
    // $2.50 / $15 up to 272K prompt tokens, $5 / $22.50 above (OpenAI pricing page).
    expect(costOf('gpt-5.4', { inputTokens: 272_000, outputTokens: 1000 })).toBe(
      272_000n * 2_500_000n + 1000n * 15_000_000n,
    );
    expect(costOf('gpt-5.4', { inputTokens: 272_001, outputTokens: 1000 })).toBe(
      272_001n * 5_000_000n + 1000n * 22_500_000n,
    );
  });

  it('prices Anthropic cache writes 5m and 1h and reads apart (claude-opus-4-7)', () => {
    // $6.25 5-minute writes, $10 1-hour writes, $0.50 reads per 1M.
    expect(
      costOf('claude-opus-4-7', {
        cacheWrite5mTokens: 1000,
        cacheWrite1hTokens: 1000,
        cacheReadTokens: 1000,
      }),
    ).toBe(6_250_000_000n + 10_000_000_000n + 500_000_000n);
  });

  it('prices audio tokens at the audio rates', () => {
    // Gemini 2.5 Flash: text input $0.30, audio input $1.00 per 1M (Gemini API pricing page).
    expect(costOf('gemini-2.5-flash', { inputTokens: 3000, inputAudioTokens: 1000 })).toBe(
      2000n * 300_000n + 1000n * 1_000_000n,
    );
    // gpt-4o-realtime-preview: audio output $80 per 1M against $20 for text.
    expect(costOf('gpt-4o-realtime-preview', { outputTokens: 1000, outputAudioTokens: 1000 })).toBe(
      1000n * 80_000_000n,
    );
  });

  it('prices gpt-4o-audio-preview audio at $40 in / $80 out (curated; the data has text rates only)', () => {
    // 3000 input of which 2000 audio, 2000 output of which 1500 audio (OpenAI pricing page):
    // 1000 x 2.50 + 2000 x 40 + 500 x 10 + 1500 x 80 = 207,500 micro-USD.
    expect(
      costOf('gpt-4o-audio-preview', {
        inputTokens: 3000,
        inputAudioTokens: 2000,
        outputTokens: 2000,
        outputAudioTokens: 1500,
      }),
    ).toBe(207_500_000_000n);
  });

  it('prices a call at the rates in force on its date (claude-sonnet-5 launch price)', () => {
    // $2 / $10 until 2026-09-01, then $3 / $15.
    const tokens = { inputTokens: 1000, outputTokens: 1000 };
    expect(costOf('claude-sonnet-5', tokens, { atMs: Date.parse('2026-08-15T00:00:00Z') })).toBe(
      2_000_000_000n + 10_000_000_000n,
    );
    expect(costOf('claude-sonnet-5', tokens)).toBe(3_000_000_000n + 15_000_000_000n);
    // o3 was $10 / $40 before its 2025-06-10 cut to $2 / $8.
    expect(costOf('o3', tokens, { atMs: Date.parse('2025-05-01T00:00:00Z') })).toBe(
      10_000_000_000n + 40_000_000_000n,
    );
  });

  it('does not price a newer model as the older one its id starts with', () => {
    // claude-opus-5-5 and claude-sonnet-5-5 are models of their own (the Anthropic SDK lists
    // them); the data's starts_with rules for claude-opus-5 / claude-sonnet-5 must not take them.
    expect(table.resolve('claude-opus-5-5')).toBeUndefined();
    expect(table.resolve('claude-sonnet-5-5')).toBeUndefined();
    // Snapshot dates still resolve to their model.
    expect(table.resolve('claude-opus-4-7-20260101')?.id).toBe('claude-opus-4-7');
  });

  it('leaves a price that depends on the time of day unpriced rather than guessing', () => {
    // The data keeps DeepSeek's old peak / off-peak scheme for these aliases.
    expect(table.resolve('deepseek-r1')).toBeUndefined();
    expect(table.resolve('deepseek-chat')?.origin).toBe('curated');
  });

  it('invents no 1-hour cache write price for a model without cache writes (claude-2)', () => {
    const price = table.listAll().find((p) => p.provider === 'anthropic' && p.id === 'claude-2')!;
    expect(price.rates.cacheWrite1h).toBe(price.rates.input);
  });

  it('leaves unknown models and image-only models unpriced, never $0', () => {
    expect(costOf('gpt-7-imaginary', { inputTokens: 10 })).toBeNull();
    expect(costOf('mock', { inputTokens: 10 })).toBeNull();
  });
});

describe('service tiers', () => {
  it('prices priority and flex at their published rates and standard otherwise', () => {
    const tokens = { inputTokens: 1000, cacheReadTokens: 1000, outputTokens: 1000 };
    // openai.com/api-priority-processing: GPT-5 $2.50 / $0.25 cached / $20.
    expect(costOf('gpt-5', tokens, { serviceTier: 'priority' })).toBe(
      2_500_000_000n + 250_000_000n + 20_000_000_000n,
    );
    // Flex: half of standard ($1.25 / $0.125 / $10): $0.625 / $0.0625 / $5.
    expect(costOf('gpt-5', tokens, { serviceTier: 'flex' })).toBe(
      625_000_000n + 62_500_000n + 5_000_000_000n,
    );
    expect(costOf('gpt-5', tokens, { serviceTier: 'default' })).toBe(
      1_250_000_000n + 125_000_000n + 10_000_000_000n,
    );
    // gpt-4o-2024-05-13 keeps a priority price of its own: $8.75 / $26.25.
    expect(
      costOf('gpt-4o-2024-05-13', { inputTokens: 1000, outputTokens: 1000 }, { serviceTier: 'priority' }),
    ).toBe(8_750_000_000n + 26_250_000_000n);
  });

  it('bills flex at half the long-context rates too (gpt-5.4 above 272K)', () => {
    // Flex is half of standard; above 272K standard is $5 / $22.50, so flex is $2.50 / $11.25.
    expect(
      costOf('gpt-5.4', { inputTokens: 300_000, outputTokens: 1000 }, { serviceTier: 'flex' }),
    ).toBe(300_000n * 2_500_000n + 1000n * 11_250_000n);
  });

  it('prices batch at half the standard rates for OpenAI and Anthropic', () => {
    // Anthropic's batch page: Claude Sonnet 4.5 $1.50 / $7.50 per 1M (half of $3 / $15).
    expect(
      costOf('claude-sonnet-4-5', { inputTokens: 1000, outputTokens: 1000 }, { serviceTier: 'batch' }),
    ).toBe(1_500_000_000n + 7_500_000_000n);
    // OpenAI's batch column: gpt-4.1 $1 / $4 (half of $2 / $8).
    expect(
      costOf('gpt-4.1', { inputTokens: 1000, outputTokens: 1000 }, { serviceTier: 'batch' }),
    ).toBe(1_000_000_000n + 4_000_000_000n);
  });

  it('leaves a call on a tier without a published price unpriced', () => {
    expect(costOf('gpt-4.1', { inputTokens: 1000 }, { serviceTier: 'flex' })).toBeNull();
  });
});

describe('the curated layer', () => {
  it.each([
    // platform.openai.com/docs/pricing: the first gpt-4o snapshot kept $5 / $15.
    ['gpt-4o-2024-05-13', 5_000_000n, 15_000_000n],
    ['gpt-4o-2024-08-06', 2_500_000n, 10_000_000n],
    // api-docs.deepseek.com: one price all day since V3.2.
    ['deepseek-chat', 280_000n, 420_000n],
  ])('prices %s at $%s / $%s micro per 1M', (model, input, output) => {
    const price = table.resolve(model)!;
    expect([price.rates.input, price.rates.output]).toEqual([input, output]);
  });

  it("gives claude-sonnet-4's long-context tier and opus 4.6's 1M window", () => {
    expect(table.resolve('claude-sonnet-4-20250514')!.tiers.map((t) => t.aboveTokens)).toEqual([
      200_000,
    ]);
    expect(table.resolve('claude-opus-4-6')!.contextWindowTokens).toBe(1_000_000);
  });

  it('says where each price comes from', () => {
    expect(table.resolve('gpt-5')!.origin).toBe('bundled');
    expect(table.resolve('gpt-5')!.priceDate).toBe('2026-08-21');
    expect(table.resolve('gpt-4o-2024-05-13')!.origin).toBe('curated');
    expect(table.data).toMatchObject({ origin: 'bundled', date: '2026-08-21', problem: null });
  });
});
