// Whether dist/ must be rebuilt: shared by `npm start` (scripts/start.mjs) and the test set-up
// (tests/helpers/global-setup.ts), so both watch the same inputs the same way.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the bundle is built from, relative to the project root. */
export const BUILD_INPUTS = ['src', 'models.pricing.ts', 'package.json', 'scripts'];

/** The newest modification time of a file, or of anything inside a folder, milliseconds. */
function newestMtimeMs(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

/** Whether `<root>/dist/cli.js` is missing or not newer than every build input. */
export function bundleIsStale(root) {
  const bundle = join(root, 'dist', 'cli.js');
  if (!existsSync(bundle)) return true;
  const builtMs = statSync(bundle).mtimeMs;
  return BUILD_INPUTS.some((input) => {
    const path = join(root, input);
    return existsSync(path) && newestMtimeMs(path) >= builtMs;
  });
}
