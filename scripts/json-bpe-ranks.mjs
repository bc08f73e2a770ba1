// An esbuild plugin for the bundle: gpt-tokenizer ships the o200k ranks as a 2.7 MB array
// literal, which V8 compiles as code (about 85 ms of every run that counts tokens, mock mode
// included). The same array as one JSON string handed to JSON.parse loads in about half the
// time (V8's advice for large literals: https://v8.dev/blog/cost-of-javascript-2019#json).
// Same data: it is read from the package at build time and the round trip is checked.
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';

/** @type {import('esbuild').Plugin} */
export const jsonBpeRanks = {
  name: 'json-bpe-ranks',
  setup(build) {
    build.onLoad({ filter: /gpt-tokenizer[\\/]esm[\\/]bpeRanks[\\/]o200k_base\.js$/ }, async (args) => {
      const { default: ranks } = await import(pathToFileURL(args.path).href);
      const json = JSON.stringify(ranks);
      if (!isDeepStrictEqual(JSON.parse(json), ranks)) {
        throw new Error(`${args.path}: the ranks do not survive a JSON round trip`);
      }
      return { contents: `export default JSON.parse(${JSON.stringify(json)});\n`, loader: 'js' };
    });
  },
};
