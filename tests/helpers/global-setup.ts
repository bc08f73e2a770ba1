import { execFileSync } from 'node:child_process';

/** Builds the CLI bundle once so end-to-end tests run exactly what `bin` runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
