// `npm run bench`: bundles every bench/*.bench.ts with esbuild, runs them one after another in
// this process and prints one table. A bench module's default export is
// `async (ctx) => BenchRow[]` with BenchRow = { section, metric, value, target?, ok? }.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, '.bench');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const only = process.argv.slice(2);
const entries = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
await build({
  absWorkingDir: root,
  entryPoints: entries.map((f) => `bench/${f}`),
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});

const ctx = { root, cli: join(root, 'dist', 'cli.js'), node: process.execPath };
const rows = [];
for (const file of entries) {
  const mod = await import(pathToFileURL(join(outdir, file.replace(/\.ts$/, '.mjs'))).href);
  process.stderr.write(`bench: ${file}...\n`);
  rows.push(...(await mod.default(ctx)));
}

const header = ['section', 'metric', 'value', 'target', 'ok'];
const table = [
  header,
  ...rows.map((r) => [
    r.section,
    r.metric,
    String(r.value),
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'yes' : 'NO',
  ]),
];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row) =>
  row
    .map((cell, i) => cell.padEnd(widths[i]))
    .join('  ')
    .trimEnd();
process.stdout.write(`${line(table[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
for (const row of table.slice(1)) process.stdout.write(`${line(row)}\n`);
