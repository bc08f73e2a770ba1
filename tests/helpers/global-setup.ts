import { execFileSync } from 'node:child_process';
import { bundleIsStale } from '../../scripts/bundle-freshness.mjs';

/**
 * Clears colour forcing from the environment, then builds the CLI bundle so end-to-end tests run exactly what `bin` runs; skipped when dist/ is
 * newer than every input, so parallel test runs do not rebuild under each other.
 */
export default function setup(): void {
  // The CLIs the tests start inherit this environment; a shell's FORCE_COLOR would colour the
  // piped output the tests read (vitest.config.ts sets NO_COLOR, which FORCE_COLOR overrides).
  // Workers start after this runs, so they never see it either.
  delete process.env.FORCE_COLOR;
  if (!bundleIsStale('.')) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
