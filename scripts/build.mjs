// Bundles src/cli.tsx into dist/ with esbuild: one small entry chunk, and lazily imported chunks
// for the UI, the SDKs and the ledger so `--version`, `cost` and `models` start fast.
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.tsx' },
  outdir: 'dist',
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
  alias: { 'react-devtools-core': './scripts/stubs/react-devtools-core.mjs' },
  banner: {
    // signal-exit (via ink) calls require('assert'); ESM bundles have no require of their own.
    js: "import { createRequire as __cmCreateRequire } from 'node:module'; const require = __cmCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync(`${root}dist/cli.js`, 0o755);
