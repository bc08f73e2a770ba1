import { spawnSync } from 'node:child_process';
import { median } from './measure';
import type { Bench, BenchModule, BenchRow } from './types';
import { firstFrame } from './ui.bench';

/** Runs of each command, alternating the two builds so load on the machine hits both alike. */
const RUNS = 11;
/** "No slower than before": the median ratio may drift this much on a shared machine. */
const MAX_RATIO = 1.1;

const COST_USAGE = '{"prompt_tokens":42122,"completion_tokens":850,"prompt_tokens_details":{"cached_tokens":16000}}';

function processMs(node: string, args: readonly string[]): number {
  const env = { ...process.env, CHATMETER_HOME: '/nonexistent-chatmeter-bench' };
  const start = process.hrtime.bigint();
  const result = spawnSync(node, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * This build against an earlier one (`BENCH_BEFORE_CLI=/path/to/old/dist/cli.js`):
 * `--version`, `cost`, `models` and the first frame, each run alternately on both builds in the
 * same run, as medians and the ratio this / baseline. Without the variable, one row says how.
 */
const bench: Bench = async (ctx) => {
  const baseline = process.env.BENCH_BEFORE_CLI;
  if (!baseline) {
    return [
      {
        section: 'vs baseline',
        metric: 'set BENCH_BEFORE_CLI to an earlier dist/cli.js to compare',
        value: '-',
      },
    ];
  }
  const commands: [string, string[]][] = [
    ['--version', ['--version']],
    ['cost --model gpt-4o', ['cost', '--model', 'gpt-4o', '--usage', COST_USAGE]],
    ['models', ['models']],
  ];
  const rows: BenchRow[] = [];
  const compare = (label: string, mine: number[], theirs: number[]) => {
    const ratio = median(mine) / median(theirs);
    rows.push({
      section: 'vs baseline',
      metric: `${label}: ${median(mine).toFixed(1)} vs ${median(theirs).toFixed(1)} ms`,
      value: `${ratio.toFixed(2)}x`,
      target: `<= ${MAX_RATIO.toFixed(2)}x`,
      ok: ratio <= MAX_RATIO,
    });
  };
  for (const [label, args] of commands) {
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      mine.push(processMs(ctx.node, [ctx.cli, ...args]));
      theirs.push(processMs(ctx.node, [baseline, ...args]));
    }
    compare(label, mine, theirs);
  }
  const env = { CHATMETER_HOME: '/nonexistent-chatmeter-bench', CHATMETER_MOCK_DELAY_MS: '0' };
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    mine.push((await firstFrame(ctx.node, [ctx.cli, '--mock'], 'MOCK', env)).ms);
    theirs.push((await firstFrame(ctx.node, [baseline, '--mock'], 'MOCK', env)).ms);
  }
  compare('first frame (--mock)', mine, theirs);
  return rows;
};
export default [{ name: 'vs baseline', run: bench }] satisfies BenchModule;
