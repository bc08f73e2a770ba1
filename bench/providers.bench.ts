import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childOutput } from '../tests/helpers/child-output';
import { replayResponse, startReplayServer } from '../tests/helpers/replay-server';
import { BATCH_CALLS, type LoopKind, meteringCodeUs, meteringLoop } from './metering-loop';
import type { BenchModule, BenchRow } from './types';

/** Pairs of worker processes (one bare, one metered, run one after the other). */
const PAIRS = 8;
/** Timed batches per worker process. */
const BATCHES = 10;
/** Processes measuring the metering code alone over a stubbed fetch, and rounds in each. */
const STUB_PROCESSES = 3;
const STUB_ROUNDS = 10;
const FIXTURE = 'tests/fixtures/openai/chat-basic.json';
const WORKER_FLAG = '--providers-bench-loop';

/**
 * The median of a list of numbers, the mean of the two middle ones for an even count (the
 * figure of {@link PAIRS} pairs sits between two pairs; `measure.median` would pick one).
 */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs one worker process and gives the number it prints (asynchronously: this process serves
 * the worker's requests meanwhile). `target` is the server's base URL, or the response file the
 * stubbed fetch answers with (`code`).
 */
async function runWorker(node: string, target: string, kind: LoopKind | 'code'): Promise<number> {
  const self = fileURLToPath(import.meta.url);
  const args = [self, WORKER_FLAG, target, kind];
  const { code, stdout, stderr } = await childOutput(
    spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  if (code !== 0) throw new Error(`metering loop exited ${code}: ${stderr}`);
  return Number(stdout.trim());
}

const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)}%`;

/**
 * Bare SDK calls vs metered session calls against a replay server of the recorded
 * chat-basic.json, counting the CPU time of the calling process only (the server runs here).
 * Each loop runs in fresh processes, bare and metered alternating, pair after pair; a pair's
 * overhead is metered/bare of its two processes' medians, and the figure is the median pair, so
 * a busy moment on the machine spoils one pair, not the result. The spread shows every pair.
 */
async function meteringOverhead(node: string, root: string): Promise<BenchRow[]> {
  const server = await startReplayServer();
  server.serve(
    replayResponse(readFileSync(join(root, FIXTURE)), 200, { 'content-type': 'application/json' }),
  );
  const bareUs: number[] = [];
  const meteredUs: number[] = [];
  try {
    const baseUrl = `${server.origin}/v1`;
    for (let pair = 0; pair < PAIRS; pair++) {
      // Alternate which goes first, so a trend in the machine's load falls on both alike.
      const meteredFirst = pair % 2 === 1;
      if (meteredFirst) meteredUs.push(await runWorker(node, baseUrl, 'metered'));
      bareUs.push(await runWorker(node, baseUrl, 'bare'));
      if (!meteredFirst) meteredUs.push(await runWorker(node, baseUrl, 'metered'));
    }
  } finally {
    await server.close();
  }
  const codeUs: number[] = [];
  const fixture = join(root, FIXTURE);
  for (let i = 0; i < STUB_PROCESSES; i++) codeUs.push(await runWorker(node, fixture, 'code'));
  const pairRatios = meteredUs.map((us, i) => us / bareUs[i]!);
  const overhead = median(pairRatios);
  const codeShare = 1 + median(codeUs) / median(bareUs);
  const calls = PAIRS * BATCHES * BATCH_CALLS;
  return [
    {
      section: 'providers',
      metric: `bare SDK call, non-streamed (client CPU ms/call, ${calls} calls)`,
      value: (median(bareUs) / 1000).toFixed(3),
    },
    {
      section: 'providers',
      metric: `metered session call (client CPU ms/call, ${calls} calls)`,
      value: (median(meteredUs) / 1000).toFixed(3),
    },
    {
      section: 'providers',
      metric: `metering overhead per call (median of ${PAIRS} process pairs)`,
      value: percent(overhead),
      target: '<= 5%',
      ok: overhead <= 1.05,
    },
    {
      section: 'providers',
      metric: 'metering overhead, each pair (sorted)',
      value: [...pairRatios]
        .sort((a, b) => a - b)
        .map(percent)
        .join(' '),
    },
    {
      section: 'providers',
      metric: 'metering code alone, stubbed fetch (CPU us/call; each process)',
      value: codeUs.map((us) => us.toFixed(1)).join(' '),
    },
    {
      // A cross-check of the figure above without the noise of sockets and processes: what
      // the metering code costs, as a share of a bare call's client CPU.
      section: 'providers',
      metric: 'metering code alone / bare SDK call over HTTP',
      value: percent(codeShare),
    },
  ];
}

export default [
  { name: 'providers', run: (ctx) => meteringOverhead(ctx.node, ctx.root) },
] satisfies BenchModule;

if (process.argv[2] === WORKER_FLAG) {
  const [target, kind] = process.argv.slice(3);
  if (target && kind === 'code') {
    const body = readFileSync(target, 'utf8');
    process.stdout.write(`${await meteringCodeUs(body, STUB_ROUNDS)}\n`);
  } else if (target && (kind === 'bare' || kind === 'metered')) {
    process.stdout.write(`${median(await meteringLoop(target, kind, BATCHES))}\n`);
  } else {
    throw new Error(`${WORKER_FLAG} needs a base URL and bare or metered, or a file and code`);
  }
}
