import { readFileSync } from 'node:fs';

/**
 * The genai-prices v2 data bundled with this release (`data/genai-prices-v2.json`), as text.
 * The build replaces this module with the text itself (scripts/bundled-price-data.mjs), so the
 * bundle reads no file; parsing waits until a price is first looked up.
 */
export const BUNDLED_DATA_TEXT: string = readFileSync(
  new URL('../../../data/genai-prices-v2.json', import.meta.url),
  'utf8',
);
