import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Preloaded into a measured process: writes its peak RSS (kB) to BENCH_MAX_RSS_FILE on exit. */
const MAX_RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs';" +
    "process.on('exit', () => writeFileSync(process.env.BENCH_MAX_RSS_FILE," +
    ' String(process.resourceUsage().maxRSS)));',
)}`;

/**
 * Peak RSS of one run of a Node script, MiB, as the process itself saw it just before exiting.
 * Throws, with the process's stderr, when it exits with a non-zero status.
 */
export function peakRssMib(
  node: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  scratch: string,
): number {
  const file = join(scratch, `max-rss-${process.pid}-${Date.now()}`);
  const result = spawnSync(node, ['--import', MAX_RSS_HOOK, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...env, BENCH_MAX_RSS_FILE: file },
  });
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return Number(readFileSync(file, 'utf8')) / 1024;
}

/** `value / baseline` as a ratio row value (`1.23x`). */
export function ratioText(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}x`;
}
