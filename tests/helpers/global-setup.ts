import { execFileSync } from 'node:child_process';
import { bundleIsStale } from '../../scripts/bundle-freshness.mjs';

/**
 * Builds the CLI bundle so end-to-end tests run exactly what `bin` runs; skipped when dist/ is
 * newer than every input, so parallel test runs do not rebuild under each other.
 */
export default function setup(): void {
  if (!bundleIsStale('.')) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
