import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const inputs = ['src', 'models.pricing.ts', 'package.json', 'scripts'];

function newestMtimeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, name)));
  return newest;
}

/**
 * Builds the CLI bundle so end-to-end tests run exactly what `bin` runs; skipped when dist/ is
 * newer than every input, so parallel test runs do not rebuild under each other.
 */
export default function setup(): void {
  const bundle = join('dist', 'cli.js');
  const builtMs = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  if (builtMs > 0 && inputs.every((p) => !existsSync(p) || newestMtimeMs(p) < builtMs)) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
