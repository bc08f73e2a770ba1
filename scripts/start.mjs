// `npm start`: builds dist/ when it is missing or older than the sources, then runs the CLI in
// this same process so the terminal (TTY, signals) belongs to it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist', 'cli.js');

function newestMtimeMs(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

const sources = ['src', 'models.pricing.ts', 'package.json', 'scripts'].map((p) => join(root, p));
const stale =
  !existsSync(bundle) ||
  sources.some((p) => existsSync(p) && newestMtimeMs(p) > statSync(bundle).mtimeMs);
if (stale) await import('./build.mjs');
await import(pathToFileURL(bundle).href);
