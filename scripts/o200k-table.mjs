// An esbuild plugin for the bundle: src/core/tokens/o200k-data.ts builds the o200k rank table
// from gpt-tokenizer's ranks (a 2.7 MB array, about 300 ms and 75 MB to load as the package
// does it). In the bundle the table is built here once, with the same code (the module itself,
// bundled on the side and run), and written beside the bundle as `o200k.bin`; the module becomes
// a read of that file, so a run that counts tokens reads 3 MB and parses nothing.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const DATA_MODULE = /src[\\/]core[\\/]tokens[\\/]o200k-data\.ts$/;
/** The table's file name in the output folder. */
const TABLE_FILE = 'o200k.bin';

/** The table bytes from the source module, run once. */
async function tableBytes(path) {
  const result = await build({
    entryPoints: [path],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return module.o200kTableBytes();
}

/** @type {import('esbuild').Plugin} */
export const o200kTable = {
  name: 'o200k-table',
  setup(build) {
    const { outdir, absWorkingDir = process.cwd(), chunkNames = '' } = build.initialOptions;
    // The module is only imported lazily, so it is always a chunk of its own, under chunkNames.
    const up = '../'.repeat(chunkNames.split('/').length - 1) || './';
    let bytes;
    build.onLoad({ filter: DATA_MODULE }, async (args) => {
      bytes ??= await tableBytes(args.path);
      return {
        contents:
          "import { readFileSync } from 'node:fs';\n" +
          '/** The o200k rank table (see o200k.ts), built at build time. */\n' +
          'export function o200kTableBytes() {\n' +
          `  return readFileSync(new URL(${JSON.stringify(up + TABLE_FILE)}, import.meta.url));\n` +
          '}\n',
        loader: 'js',
      };
    });
    build.onEnd((result) => {
      if (result.errors.length === 0 && bytes && outdir) {
        writeFileSync(join(resolve(absWorkingDir, outdir), TABLE_FILE), bytes);
      }
    });
  },
};
