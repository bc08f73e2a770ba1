import { describe, expect, it } from 'vitest';
import curated from '../../../models.pricing';
import { validatePricing } from '../../../src/core/pricing/schema';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import apiIds from '../../fixtures/models/api-model-ids.json';

const table = builtinPriceTable(Date.parse('2026-12-05T12:00:00Z'));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('the curated layer (models.pricing.ts)', () => {
  it.each(Object.entries(curated.models))(
    'passes the pricing-file schema and names its source and date (%s)',
    (provider, block) => {
      const models = Object.fromEntries(
        Object.entries(block.models).map(([id, entry]) => [id, { ...entry, provider }]),
      );
      expect(() => validatePricing({ models }, `models.pricing.ts (${provider})`)).not.toThrow();
      expect(block.priceDate).toMatch(DATE);
      expect(block.source).toMatch(/^https:\/\//);
    },
  );

  it('gives every correction and the service tiers a source and the date they were checked', () => {
    for (const correction of Object.values(curated.corrections)) {
      expect(correction.checked).toMatch(DATE);
      expect(correction.source).toMatch(/^https:\/\//);
    }
    expect(curated.serviceTiers.checked).toMatch(DATE);
  });

  it('corrects only models the data has (a correction of an unknown id would do nothing)', () => {
    for (const id of [...Object.keys(curated.corrections), ...Object.keys(curated.serviceTiers.models)]) {
      expect(table.resolve(id)?.id, id).toBe(id);
    }
  });
});

describe('the ids chatmeter offers (models, /models, Tab completion)', () => {
  const published = apiIds.providers as Record<string, { ids: string[] }>;

  it.each(table.list().map((price) => [price.provider, price.id] as const))(
    '%s/%s is an id the provider publishes, and it is priced',
    (provider, id) => {
      expect(published[provider]?.ids, `${provider} has a published list`).toContain(id);
      expect(table.resolve(id), id).toBeDefined();
    },
  );

  it('offers the current families of each provider', () => {
    const ids = table.list().map((price) => price.id);
    for (const id of ['gpt-5.5', 'gpt-5.4', 'claude-opus-4-6', 'gemini-2.5-pro', 'grok-4', 'deepseek-chat']) {
      expect(ids).toContain(id);
    }
    expect(ids).not.toContain('claude-sonnet-4');
    expect(ids).not.toContain('claude-3-5-haiku');
  });
});
