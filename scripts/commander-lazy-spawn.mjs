// An esbuild plugin for the bundle: commander imports node:child_process at the top of its
// command module, only to spawn the executables of stand-alone subcommands, which chatmeter has
// none of. Loading child_process also loads net and the stream stack: about a tenth of
// `chatmeter --version`, and of every command, since commander parses every command line. Here
// commander gets a stand-in whose spawn loads the real module on first use. The build fails if
// commander ever uses more of the module than spawn, so nothing is silently left broken.
import { readFile } from 'node:fs/promises';

const COMMANDER_COMMAND = /commander[\\/]lib[\\/]command\.js$/;
const STAND_IN = 'chatmeter:lazy-child-process';

/** @type {import('esbuild').Plugin} */
export const commanderLazySpawn = {
  name: 'commander-lazy-spawn',
  setup(build) {
    build.onLoad({ filter: COMMANDER_COMMAND }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const uses = new Set(source.match(/childProcess\.\w+/g));
      if (uses.size !== 1 || !uses.has('childProcess.spawn')) {
        throw new Error(`${args.path}: expected only childProcess.spawn, found ${[...uses].join(', ')}`);
      }
      const from = "import childProcess from 'node:child_process';";
      if (!source.includes(from)) throw new Error(`${args.path}: its child_process import changed`);
      return { contents: source.replace(from, `import childProcess from '${STAND_IN}';`), loader: 'js' };
    });
    build.onResolve({ filter: new RegExp(`^${STAND_IN}$`) }, () => ({ path: STAND_IN, namespace: STAND_IN }));
    build.onLoad({ filter: /.*/, namespace: STAND_IN }, () => ({
      contents:
        "import { createRequire } from 'node:module';\n" +
        'const require = createRequire(import.meta.url);\n' +
        "export default { spawn: (...args) => require('node:child_process').spawn(...args) };\n",
      loader: 'js',
    }));
  },
};
