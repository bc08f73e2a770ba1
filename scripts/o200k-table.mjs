// An esbuild plugin for the bundle: src/core/chat/o200k-data.ts builds the o200k rank table
// from gpt-tokenizer's ranks (a 2.7 MB array, about 300 ms and 75 MB to load as the package
// does it). In the bundle that module becomes the finished table, built here once with the
// same code (the module itself, bundled on the side and run), as base64 text: a run that counts
// tokens only decodes it.
import { build } from 'esbuild';

const DATA_MODULE = /src[\\/]core[\\/]chat[\\/]o200k-data\.ts$/;

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
    let base64;
    build.onLoad({ filter: DATA_MODULE }, async (args) => {
      base64 ??= Buffer.from(await tableBytes(args.path)).toString('base64');
      return {
        contents:
          '/** The o200k rank table (see o200k.ts), built at build time. */\n' +
          `export function o200kTableBytes() { return Buffer.from(${JSON.stringify(base64)}, 'base64'); }\n`,
        loader: 'js',
      };
    });
  },
};

