import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { medianProcessMs, ratioText } from './measure';
import type { BenchModule, BenchRow } from './types';

/** Runs of each whole-process timing. */
const RUNS = 15;

/** A Chat Completions usage with cached and reasoning tokens, as `chatmeter cost` would get it. */
const COST_USAGE = JSON.stringify({
  prompt_tokens: 42122,
  completion_tokens: 850,
  prompt_tokens_details: { cached_tokens: 16000 },
  completion_tokens_details: { reasoning_tokens: 512 },
});

/** The environment of a measured run: a private home, no API keys, mock replies without delay. */
function benchEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHATMETER_HOME: mkdtempSync(join(tmpdir(), 'chatmeter-bench-home-')),
    CHATMETER_MOCK_DELAY_MS: '0',
  };
  delete env.OPENAI_API_KEY;
  delete env.ANTHROPIC_API_KEY;
  return env;
}

/** Rows for a whole-process time and its ratio to `node -e 0`, with an optional ceiling. */
function ratioRows(label: string, ms: number, baselineMs: number, maxRatio?: number): BenchRow[] {
  const ratio = ms / baselineMs;
  return [
    { section: 'startup', metric: `${label} (ms, median)`, value: ms.toFixed(1) },
    {
      section: 'startup',
      metric: `${label} / node -e 0`,
      value: ratioText(ms, baselineMs),
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

/** Whole-process times of the commands that start without the UI, against `node -e 0`. */
const commands = async (ctx: { cli: string; node: string }): Promise<BenchRow[]> => {
  const cli = snapshotCli(ctx.cli);
  const env = benchEnv();
  const time = (args: readonly string[]) => medianProcessMs(ctx.node, args, env, RUNS);
  const baseline = time(['-e', '0']);
  return [
    { section: 'startup', metric: 'node -e 0 (ms, median)', value: baseline.toFixed(1) },
    ...ratioRows('chatmeter --version', time([cli, '--version']), baseline, 2),
    ...ratioRows('chatmeter -p hi --mock', time([cli, '-p', 'hi', '--mock']), baseline, 2.5),
    ...ratioRows(
      'chatmeter -p hi --mock --json',
      time([cli, '-p', 'hi', '--mock', '--json']),
      baseline,
    ),
    ...ratioRows(
      'chatmeter cost --model gpt-4o --usage {...}',
      time([cli, 'cost', '--model', 'gpt-4o', '--usage', COST_USAGE]),
      baseline,
    ),
    ...ratioRows('chatmeter models', time([cli, 'models']), baseline),
  ];
};

export default [{ name: 'startup', run: commands }] satisfies BenchModule;
