// The esbuild options of chatmeter's bundle, shared by scripts/build.mjs and the UI bench (whose
// minimal Ink app must be built exactly like the CLI to be a fair floor). Callers add
// absWorkingDir, entryPoints and outdir.
import { bundledPriceData } from './bundled-price-data.mjs';
import { commanderLazySpawn } from './commander-lazy-spawn.mjs';
import { o200kTable } from './o200k-table.mjs';
import { yogaNoFetch } from './yoga-no-fetch.mjs';

/** @type {import('esbuild').BuildOptions} */
export const bundleOptions = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink imports react-devtools-core statically; --external is not enough, the import must resolve.
  alias: { 'react-devtools-core': './scripts/stubs/react-devtools-core.mjs' },
  // The o200k rank table is built at build time, not from the tokenizer's ranks at run time;
  // yoga's inline wasm is decoded without fetch() (which would load undici); the bundled price
  // data is inlined as compact text (see bundled-price-data.mjs); commander loads child_process
  // only when it spawns (commander-lazy-spawn.mjs).
  plugins: [o200kTable, yogaNoFetch, bundledPriceData, commanderLazySpawn],
  banner: {
    // signal-exit (via ink) calls require('assert'); ESM bundles have no require of their own.
    js: "import { createRequire as __cmCreateRequire } from 'node:module'; const require = __cmCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
