// An esbuild plugin for the bundle: src/core/pricing/bundled-data.ts reads
// data/genai-prices-v2.json at run time from the source tree; in the bundle the module becomes
// the file's text as one string literal, so dist/ needs no data file beside it and the text is
// parsed (JSON.parse) only when a price is first looked up.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const dataFile = fileURLToPath(new URL('../data/genai-prices-v2.json', import.meta.url));

/** @type {import('esbuild').Plugin} */
export const bundledPriceData = {
  name: 'bundled-price-data',
  setup(build) {
    build.onLoad({ filter: /core[\\/]pricing[\\/]bundled-data\.ts$/ }, async () => {
      const text = await readFile(dataFile, 'utf8');
      JSON.parse(text); // fail the build on a broken data file, not the first lookup
      return {
        contents: `export const BUNDLED_DATA_TEXT = ${JSON.stringify(text)};\n`,
        loader: 'js',
        watchFiles: [dataFile],
      };
    });
  },
};
