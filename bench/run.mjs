// `npm run bench [-- <file prefix>...] [--json FILE] [--baseline FILE]`: bundles every
// bench/*.bench.ts with esbuild and runs their sections one after another in this process.
// A bench module's default export is a list of sections `{ name, run(ctx) => BenchRow[] }`
// (bench/types.ts). Each section's rows print as soon as it ends; a section that throws prints
// its error in its place and the next one still runs. The whole table is also written as JSON
// (bench/results.json unless --json names another file) after every section, so a run cut short
// keeps what it measured; --baseline FILE (such a JSON from an earlier run) adds a column with
// that run's values, to compare two runs.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundledPriceData } from '../scripts/bundled-price-data.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags, positionals: only } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'string' }, baseline: { type: 'string' } },
});
const jsonFile = flags.json ?? join(root, 'bench', 'results.json');
const baseline = new Map(
  flags.baseline === undefined
    ? []
    : JSON.parse(readFileSync(flags.baseline, 'utf8')).rows.map((r) => [
        `${r.section}\u0000${r.metric}`,
        r.value,
      ]),
);

const outdir = join(root, '.bench');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
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
  // Code under src/ that the benches import reads the bundled price data as the CLI does.
  plugins: [bundledPriceData],
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const results = {
  startedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadAtStart: load(),
  loadAtEnd: '',
  rows: [],
  errors: [],
};
const save = () => {
  results.loadAtEnd = load();
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
};

const WIDTHS = [10, 72, 14, 16, 4];
const line = (cells) =>
  cells
    .map((cell, i) => (i < WIDTHS.length ? cell.padEnd(WIDTHS[i]) : cell))
    .join('  ')
    .trimEnd();
const header = ['section', 'metric', 'value', 'target', 'ok'];
if (baseline.size) header.push('baseline');
process.stdout.write(
  `load average at start: ${results.loadAtStart} (${results.cpus} cores, node ${results.node})\n` +
    `${line(header)}\n${line(header.map((h, i) => '-'.repeat(WIDTHS[i] ?? h.length)))}\n`,
);
const printRow = (r) => {
  const cells = [
    r.section,
    r.metric,
    String(r.value),
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'yes' : 'NO',
  ];
  if (baseline.size) cells.push(String(baseline.get(`${r.section}\u0000${r.metric}`) ?? ''));
  process.stdout.write(`${line(cells)}\n`);
};

const ctx = { root, cli: join(root, 'dist', 'cli.js'), node: process.execPath };
for (const file of entries) {
  let sections;
  try {
    const exported = (await import(pathToFileURL(join(outdir, file.replace(/\.ts$/, '.mjs'))).href))
      .default;
    // A module exports its sections, or one bench function (a section named after the file).
    sections = typeof exported === 'function' ? [{ name: file.replace(/\.bench\.ts$/, ''), run: exported }] : exported;
    if (!Array.isArray(sections)) throw new Error(`${file} exports no bench sections`);
  } catch (error) {
    sections = [{ name: file, run: () => Promise.reject(error) }];
  }
  for (const section of sections) {
    process.stderr.write(`bench: ${section.name}...\n`);
    try {
      const rows = await section.run(ctx);
      for (const row of rows) printRow(row);
      results.rows.push(...rows);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stdout.write(`${line([section.name, `FAILED: ${message.split('\n')[0]}`])}\n`);
      process.stderr.write(`bench: ${section.name} failed:\n${error?.stack ?? message}\n`);
      results.errors.push({ section: section.name, message });
    }
    save();
  }
}
process.stdout.write(
  `load average at end: ${results.loadAtEnd}; ${results.errors.length} section(s) failed; ` +
    `JSON in ${jsonFile}\n`,
);
process.exitCode = results.errors.length > 0 ? 1 : 0;
