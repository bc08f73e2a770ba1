import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { medianProcessMs } from './measure';
import type { Bench } from './types';

/** Median wall time of 15 runs of a command without a chatmeter home, milliseconds. */
function medianRunMs(command: string, args: readonly string[]): number {
  const env = { ...process.env, CHATMETER_HOME: '/nonexistent-chatmeter-bench' };
  return medianProcessMs(command, args, env, 15);
}

/** A Chat Completions usage with cached and reasoning tokens, as `chatmeter cost` would get it. */
const COST_USAGE = JSON.stringify({
  prompt_tokens: 42122,
  completion_tokens: 850,
  prompt_tokens_details: { cached_tokens: 16000 },
  completion_tokens_details: { reasoning_tokens: 512 },
});

/** A row for a whole-process time as a ratio to `node -e 0`, with an optional ceiling. */
function ratioRows(label: string, ms: number, baselineMs: number, maxRatio?: number) {
  const ratio = ms / baselineMs;
  return [
    { section: 'startup', metric: `${label} (ms, median)`, value: ms.toFixed(1) },
    {
      section: 'startup',
      metric: `${label} / node -e 0`,
      value: `${ratio.toFixed(2)}x`,
      ...(maxRatio === undefined
        ? {}
        : { target: `<= ${maxRatio.toFixed(1)}x`, ok: ratio <= maxRatio }),
    },
  ];
}

/**
 * Copies the built CLI to a private folder so a rebuild of dist/ during the bench (a test run's
 * global setup, on a shared machine) cannot swap files under it; returns the copy's entry.
 */
function snapshotCli(cli: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'chatmeter-bench-'));
  cpSync(dirname(cli), copy, { recursive: true });
  return join(copy, 'cli.js');
}

const bench: Bench = async (ctx) => {
  const cli = snapshotCli(ctx.cli);
  const baseline = medianRunMs(ctx.node, ['-e', '0']);
  const versionMs = medianRunMs(ctx.node, [cli, '--version']);
  const costMs = medianRunMs(ctx.node, [cli, 'cost', '--model', 'gpt-4o', '--usage', COST_USAGE]);
  const costJsonMs = medianRunMs(ctx.node, [
    cli,
    'cost',
    '--model',
    'claude-sonnet-4-5',
    '--usage',
    '{"input_tokens":1200,"cache_read_input_tokens":9000,"output_tokens":300}',
    '--json',
  ]);
  const modelsMs = medianRunMs(ctx.node, [cli, 'models']);
  return [
    { section: 'startup', metric: 'node -e 0 (ms, median)', value: baseline.toFixed(1) },
    ...ratioRows('chatmeter --version', versionMs, baseline, 2),
    ...ratioRows('chatmeter cost --model gpt-4o --usage {...}', costMs, baseline),
    ...ratioRows('chatmeter cost --model claude-sonnet-4-5 --json', costJsonMs, baseline),
    ...ratioRows('chatmeter models', modelsMs, baseline),
  ];
};
export default bench;
