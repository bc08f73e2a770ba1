import { readFileSync } from 'node:fs';
import type { BundledProvider } from './price-data';

/**
 * The genai-prices v2 data bundled with this release (`data/genai-prices-v2.json`): each
 * provider with its models as JSON text, parsed only when a lookup reaches that provider. The
 * build replaces this module with the compact data itself (scripts/bundled-price-data.mjs), so
 * the bundle reads no file.
 */
export const BUNDLED_PROVIDERS: readonly BundledProvider[] = (
  JSON.parse(
    readFileSync(new URL('../../../data/genai-prices-v2.json', import.meta.url), 'utf8'),
  ) as { models: unknown }[]
).map((provider) => ({ ...provider, models: JSON.stringify(provider.models) }) as BundledProvider);
