import { describe, expect, it } from 'vitest';
import builtinPricing from '../../../models.pricing';
import { validatePricing } from '../../../src/core/pricing/schema';
import { builtinPriceTable } from '../../../src/core/pricing/table';

describe('the built-in price table (models.pricing.ts)', () => {
  const table = builtinPriceTable();
  const models = table.list();

  it('validates and lists at least 25 models, sorted by provider then id', () => {
    expect(models.length).toBeGreaterThanOrEqual(25);
    const keys = models.map((m) => `${m.provider}/${m.id}`);
    expect(keys).toEqual(
      [...models]
        .sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id))
        .map((m) => `${m.provider}/${m.id}`),
    );
  });

  it.each([
    'gpt-5',
    'gpt-5-mini',
    'gpt-5-nano',
    'gpt-4.1',
    'gpt-4.1-mini',
    'gpt-4.1-nano',
    'gpt-4o',
    'gpt-4o-mini',
    'gpt-4o-2024-05-13',
    'o1',
    'o3',
    'o4-mini',
    'claude-opus-4',
    'claude-opus-4-1',
    'claude-opus-4-5',
    'claude-sonnet-4',
    'claude-sonnet-4-5',
    'claude-sonnet-4-6',
    'claude-haiku-4-5',
    'claude-3-5-haiku',
    'claude-3-7-sonnet',
    'gemini-2.5-pro',
    'gemini-2.5-flash',
    'grok-4',
    'deepseek-chat',
    'deepseek-reasoner',
  ])('has %s with a price date, a source and a context window', (id) => {
    const price = table.resolve(id);
    expect(price?.id).toBe(id);
    expect(price?.priceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(price?.source).toMatch(/^https:\/\//);
    expect(price?.contextWindowTokens).toBeGreaterThan(0);
  });

  it.each(['claude-sonnet-4', 'claude-sonnet-4-5', 'gemini-2.5-pro'])(
    'gives %s its above-200k tier',
    (id) => {
      expect(table.resolve(id)?.tiers.map((t) => t.aboveTokens)).toEqual([200_000]);
    },
  );

  it('prices Anthropic cache writes at 1.25x (5m) and 2x (1h) input, reads at 0.1x', () => {
    // Claude 3 Haiku is the published exception: $0.30 5m writes and $0.03 reads on $0.25 input.
    const anthropic = models.filter((m) => m.provider === 'anthropic' && m.id !== 'claude-3-haiku');
    expect(anthropic.length).toBeGreaterThan(10);
    for (const price of anthropic) {
      for (const rates of [price.rates, ...price.tiers.map((t) => t.rates)]) {
        expect(rates.cacheWrite5m * 4n, price.id).toBe(rates.input * 5n);
        expect(rates.cacheWrite1h, price.id).toBe(rates.input * 2n);
        expect(rates.cacheRead * 10n, price.id).toBe(rates.input);
      }
    }
  });

  it.each(Object.entries(builtinPricing))(
    'passes the pricing-file schema (%s)',
    (provider, block) => {
      const models = Object.fromEntries(
        Object.entries(block.models).map(([id, entry]) => [id, { ...entry, provider }]),
      );
      expect(() => validatePricing({ models }, `models.pricing.ts (${provider})`)).not.toThrow();
      expect(block.priceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    },
  );

  it('never prices the mock model', () => {
    expect(table.resolve('mock')).toBeUndefined();
  });
});
