import { readFileSync } from 'node:fs';
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

/** The string literals of a union type `export type NAME = 'a' | 'b' | ...;` in an SDK's types. */
function sdkModelIds(file: string, typeName: string): string[] {
  const text = readFileSync(new URL(`../../../node_modules/${file}`, import.meta.url), 'utf8');
  const declaration = new RegExp(`export type ${typeName} = ([^;]+);`).exec(text)?.[1] ?? '';
  return [...declaration.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

describe('the ids chatmeter offers (models, /models, Tab completion)', () => {
  // OpenAI's and Anthropic's published ids, as their own SDKs (the versions this build uses)
  // type them; the other providers' from the transcribed fixture.
  const published: Record<string, { ids: string[] }> = {
    ...(apiIds.providers as Record<string, { ids: string[] }>),
    openai: { ids: sdkModelIds('openai/resources/shared.d.ts', 'ChatModel') },
    anthropic: { ids: sdkModelIds('@anthropic-ai/sdk/resources/messages/messages.d.ts', 'Model') },
  };

  it('reads the SDKs own model lists', () => {
    expect(published.openai!.ids).toContain('gpt-5.5');
    expect(published.anthropic!.ids).toContain('claude-opus-4-7');
  });

  it.each(table.list().map((price) => [price.provider, price.id] as const))(
    '%s/%s is an id the provider publishes, and it is priced',
    (provider, id) => {
      expect(published[provider]?.ids, `${provider} has a published list`).toContain(id);
      expect(table.resolve(id), id).toBeDefined();
    },
  );

  it('offers the current families of each provider', () => {
    const ids = table.list().map((price) => price.id);
    for (const id of ['gpt-5.6-sol', 'gpt-5.5', 'claude-opus-5', 'claude-sonnet-5', 'gemini-3.5-flash', 'grok-4.5', 'deepseek-chat']) {
      expect(ids).toContain(id);
    }
    // Not ids the API takes (claude-sonnet-4), retired ones, and Responses-only models.
    for (const id of ['claude-sonnet-4', 'claude-3-5-haiku', 'claude-3-7-sonnet-latest', 'gpt-5-pro', 'o3-pro']) {
      expect(ids).not.toContain(id);
    }
  });
});
