// An esbuild plugin for the bundle: src/core/pricing/bundled-data.ts reads
// data/genai-prices-v2.json at run time from the source tree; in the bundle the module becomes
// the data itself, each provider's models as JSON text parsed only when a lookup reaches that
// provider, so dist/ needs no data file beside it. Fields the price layer never reads
// (descriptions, comments, usage extractors) are left out: a third less to parse. Prices are
// numbers in both forms, and JSON.stringify writes each as the same shortest decimal that
// JSON.parse gave, so every price converts to the same exact integer.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const dataFile = fileURLToPath(new URL('../data/genai-prices-v2.json', import.meta.url));

const PROVIDER_FIELDS = ['id', 'name', 'pricing_urls', 'api_pattern', 'model_match', 'prices_checked'];
const MODEL_FIELDS = ['id', 'match', 'context_window', 'prices', 'prices_checked', 'deprecated'];

/** `value` with only the listed fields (in that order). */
function pick(value, fields) {
  return Object.fromEntries(fields.filter((f) => value[f] !== undefined).map((f) => [f, value[f]]));
}

/** A provider with only the fields the price layer reads (exported for its test). */
export function compactProvider(provider) {
  return { ...pick(provider, PROVIDER_FIELDS), models: provider.models.map((m) => pick(m, MODEL_FIELDS)) };
}

/** @type {import('esbuild').Plugin} */
export const bundledPriceData = {
  name: 'bundled-price-data',
  setup(build) {
    build.onLoad({ filter: /core[\\/]pricing[\\/]bundled-data\.ts$/ }, async () => {
      const providers = JSON.parse(await readFile(dataFile, 'utf8')).map(compactProvider);
      // Each provider's models stay JSON text until a lookup reaches that provider.
      const bundled = providers.map((p) => ({ ...p, models: JSON.stringify(p.models) }));
      return {
        contents: `export const BUNDLED_PROVIDERS = ${JSON.stringify(bundled)};\n`,
        loader: 'js',
        watchFiles: [dataFile],
      };
    });
  },
};
