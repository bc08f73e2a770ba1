// `npm start`: builds dist/ when it is missing or older than the sources, then runs the CLI in
// this same process so the terminal (TTY, signals) belongs to it.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleIsStale } from './bundle-freshness.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (bundleIsStale(root)) await import('./build.mjs');
await import(pathToFileURL(join(root, 'dist', 'cli.js')).href);
