import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactProvider } from '../../../scripts/bundled-price-data.mjs';
import { createPriceCatalog } from '../../../src/core/pricing/price-catalog';
import type { PriceData } from '../../../src/core/pricing/price-data';
import { validatePriceData } from '../../../src/core/pricing/price-data-schema';

const text = readFileSync(new URL('../../../data/genai-prices-v2.json', import.meta.url), 'utf8');
const origin = { origin: 'bundled', dataDate: '2026-08-21' } as const;
const NOW = Date.parse('2026-12-05T00:00:00Z');

describe('the bundled price data', () => {
  it('passes the schema models update checks downloads against', () => {
    expect(validatePriceData(JSON.parse(text), 'data/genai-prices-v2.json').length).toBe(36);
  });

  it('prices every model the same in the compact form the bundle carries', () => {
    const full = JSON.parse(text) as PriceData;
    const compact = JSON.parse(JSON.stringify(full.map(compactProvider))) as PriceData;
    const before = createPriceCatalog(full, origin, NOW).list();
    expect(before.length).toBeGreaterThan(1000);
    expect(createPriceCatalog(compact, origin, NOW).list()).toEqual(before);
  });

  it('reads each price exactly from its decimal text, as the reviver source gives it', () => {
    // Every number literal of the file, parsed by its source text, against the double JSON.parse
    // makes of it printed back: the same decimal, so no price depends on float arithmetic.
    const sources: string[] = [];
    JSON.parse(text, (_key, value, context?: { source?: string }) => {
      if (typeof value === 'number' && context?.source) sources.push(context.source);
      return value;
    });
    const differing = sources.filter((source) => String(Number(source)) !== source);
    expect(sources.length).toBeGreaterThan(3000);
    expect(differing.filter((s) => !/e/i.test(s))).toEqual([]);
  });
});
