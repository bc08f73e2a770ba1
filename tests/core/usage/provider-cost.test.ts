import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors';
import { normalizeUsage } from '../../../src/core/usage/normalize';
import { readReportedCost } from '../../../src/core/usage/provider-cost';

describe('the cost a provider reports in the usage', () => {
  it('reads xAI cost_in_usd_ticks exactly (10^10 ticks = 1 USD)', () => {
    // docs.x.ai/developers/cost-tracking: "cost_in_usd_ticks": 37756000 cost $0.0038
    // (37756000 / 10^10 = 0.0037756 USD = 3,775,600,000 pico-USD).
    const normalized = normalizeUsage({
      prompt_tokens: 181,
      completion_tokens: 27,
      total_tokens: 208,
      cost_in_usd_ticks: 37756000,
    });
    expect(normalized.reportedCost).toEqual({ picoUsd: 3_775_600_000n, field: 'cost_in_usd_ticks' });
  });

  it.each([
    [0.00014, 140_000_000n],
    [1.5e-7, 150_000n],
    [0.1, 100_000_000_000n],
    [0, 0n],
  ])('reads OpenRouter usage.cost %s USD through its shortest decimal text', (cost, pico) => {
    const normalized = normalizeUsage({ prompt_tokens: 1, completion_tokens: 1, cost });
    expect(normalized.reportedCost).toEqual({ picoUsd: pico, field: 'cost' });
    expect(normalized.warnings).toEqual([]);
  });

  it('rounds a charge finer than 1 pico-USD to the nearest one, with a warning', () => {
    const normalized = normalizeUsage({ prompt_tokens: 1, completion_tokens: 1, cost: 1.2345e-13 });
    expect(normalized.reportedCost?.picoUsd).toBe(0n);
    expect(normalized.warnings).toEqual([
      "the provider's cost 1.2345e-13 USD is finer than 1 pico-USD; rounded to the nearest",
    ]);
  });

  it('has no reported cost when the usage carries none', () => {
    expect(normalizeUsage({ prompt_tokens: 1, completion_tokens: 1 }).reportedCost).toBeUndefined();
  });

  it.each([
    [{ cost: 'lots' }, 'usage field cost must be an amount in USD >= 0, got "lots"'],
    [{ cost: -1 }, 'usage field cost must be an amount in USD >= 0, got -1'],
    [
      { cost_in_usd_ticks: 1.5 },
      'usage field cost_in_usd_ticks must be a whole number >= 0, got 1.5',
    ],
  ])('rejects a cost that is not an amount: %j', (fields, message) => {
    expect(() => normalizeUsage({ prompt_tokens: 1, completion_tokens: 1, ...fields })).toThrow(
      new UsageError(message),
    );
  });
});

describe('OpenRouter with your own key (BYOK)', () => {
  it('adds the upstream inference cost to the OpenRouter fee', () => {
    // OpenRouter's usage accounting docs: with BYOK, `cost` is OpenRouter's fee and
    // `cost_details.upstream_inference_cost` what the provider charged: 0.000675 + 0.0135.
    const usage = {
      prompt_tokens: 10000,
      completion_tokens: 100,
      cost: 0.000675,
      is_byok: true,
      cost_details: { upstream_inference_cost: 0.0135 },
    };
    expect(readReportedCost(usage, [])).toEqual({
      picoUsd: 14_175_000_000n,
      field: 'cost + cost_details.upstream_inference_cost',
    });
  });
});
