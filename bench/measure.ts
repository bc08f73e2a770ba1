import { spawnSync } from 'node:child_process';

/** The median of `values`: the middle one, the upper of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall time of `runs` calls of `action` in this process, milliseconds. */
export function medianTimeMs(action: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    action();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/**
 * Median wall time of `runs` runs of a whole process, milliseconds. Throws, with the process's
 * stderr, when a run exits with a non-zero status.
 */
export function medianProcessMs(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  runs: number,
): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}
