// Bundles src/cli.tsx into dist/ with esbuild: one small entry chunk, and lazily imported chunks
// for the UI, the SDKs and the ledger so `--version`, `cost` and `models` start fast.
// It builds into a fresh folder and swaps it in with renames, so a CLI running from dist/ (a test
// in another process) never sees a half-written bundle.
import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const staging = `dist.build-${process.pid}`;
rmSync(`${root}${staging}`, { recursive: true, force: true });
await build({
  ...bundleOptions,
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.tsx' },
  outdir: staging,
});
chmodSync(`${root}${staging}/cli.js`, 0o755);
const retired = `${root}dist.old-${process.pid}`;
if (existsSync(`${root}dist`)) renameSync(`${root}dist`, retired);
renameSync(`${root}${staging}`, `${root}dist`);
rmSync(retired, { recursive: true, force: true });
