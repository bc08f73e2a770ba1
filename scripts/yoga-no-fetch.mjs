// An esbuild plugin for the bundle: yoga-layout (Ink's layout engine) carries its WebAssembly
// inline as a data: URI and, where a global fetch exists, loads it with fetch(); in Node, the
// first touch of the global fetch loads undici, Node's HTTP client (about 15-20% of the CPU to
// the first frame). Emscripten already falls back to decoding the inline base64 when there is no
// fetch, so the bundle takes that path without asking. The build fails if the code it patches
// ever changes shape (a yoga-layout upgrade), so nothing is silently left as it was.
const YOGA_BINARY = /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;
const FETCH_CHECK = '"function"!=typeof fetch?Promise.resolve()';

/** @type {import('esbuild').Plugin} */
export const yogaNoFetch = {
  name: 'yoga-no-fetch',
  setup(build) {
    build.onLoad({ filter: YOGA_BINARY }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const found = source.split(FETCH_CHECK).length - 1;
      if (found !== 1) {
        throw new Error(`${args.path}: expected the wasm fetch check once, found it ${found} times`);
      }
      return { contents: source.replace(FETCH_CHECK, '!0?Promise.resolve()'), loader: 'js' };
    });
  },
};
