import { spawnSync } from 'node:child_process';
import type { Bench } from './types';

/** Median wall time of `runs` runs of a command, milliseconds. */
export function medianRunMs(command: string, args: readonly string[], runs = 15): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, {
      stdio: 'ignore',
      env: { ...process.env, CHATMETER_HOME: '/nonexistent-chatmeter-bench' },
    });
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const bench: Bench = async (ctx) => {
  const baseline = medianRunMs(ctx.node, ['-e', '0']);
  const versionMs = medianRunMs(ctx.node, [ctx.cli, '--version']);
  const ratio = versionMs / baseline;
  return [
    { section: 'startup', metric: 'node -e 0 (ms, median)', value: baseline.toFixed(1) },
    { section: 'startup', metric: 'chatmeter --version (ms, median)', value: versionMs.toFixed(1) },
    {
      section: 'startup',
      metric: '--version / node -e 0',
      value: `${ratio.toFixed(2)}x`,
      target: '<= 2.0x',
      ok: ratio <= 2,
    },
  ];
};
export default bench;
