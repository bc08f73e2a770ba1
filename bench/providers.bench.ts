import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { ChatSession } from '../src/core/chat/session';
import { builtinPriceTable } from '../src/core/pricing/table';
import { OpenAiProvider } from '../src/core/providers/openai';
import { SessionUsageTracker } from '../src/core/usage/tracker';
import { replayResponse, startReplayServer } from '../tests/helpers/replay-server';
import type { Bench, BenchRow } from './types';

const CALLS = 1_000;
const WARMUP = 500;
/** Each loop runs this many times, alternating, each in a fresh process; medians are compared. */
const PAIRS = 5;
const KEY = 'sk-bench-not-a-key';
const WORKER_FLAG = '--providers-bench-loop';

/** The median of a list of numbers. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time of a command over `runs` runs, milliseconds. */
function medianMs(command: string, args: readonly string[], env: NodeJS.ProcessEnv, runs = 11) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: 'ignore', env });
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/**
 * One loop in this (child) process: a replay server serving the recorded chat-basic.json and
 * 1,000 non-streamed calls, either bare SDK calls or calls metered by a ChatSession with a
 * tracker. Returns the process CPU time per call in ms (client and server both run here; CPU
 * time does not count moments the scheduler gives the core to another process).
 */
async function runLoop(kind: 'bare' | 'metered', root: string): Promise<number> {
  const server = await startReplayServer();
  const body = readFileSync(join(root, 'tests/fixtures/openai/chat-basic.json'));
  server.serve(replayResponse(body, 200, { 'content-type': 'application/json' }));
  const baseURL = `${server.origin}/v1`;
  const client = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 2 });
  const messages = [{ role: 'user' as const, content: 'hi' }];
  // The bare loop sends what the adapter sends, with an AbortSignal per call as any chat that
  // can cancel a reply must; the difference is the metering (events, usage, cost, tracker).
  const bare = async () => {
    const completion = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages },
      { signal: new AbortController().signal },
    );
    if (!completion.usage) throw new Error('no usage');
  };
  const provider = new OpenAiProvider({
    apiKey: KEY,
    baseUrl: baseURL,
    api: 'chat',
    stream: false,
  });
  const tracker = new SessionUsageTracker({
    sessionId: 'b',
    startedAtMs: Date.now(),
    mode: 'real',
  });
  const session = new ChatSession({
    sessionId: 'b',
    provider,
    providerFactory: () => provider,
    model: 'gpt-4o-mini',
    priceTable: builtinPriceTable(),
    sinks: [tracker],
    mode: 'real',
  });
  const metered = async () => {
    session.clear();
    for await (const event of session.send('hi', new AbortController().signal)) {
      if (event.type === 'end' && event.call.outcome !== 'ok') throw new Error('call failed');
    }
  };
  const call = kind === 'bare' ? bare : metered;
  for (let i = 0; i < WARMUP; i++) await call();
  const start = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await call();
  const used = process.cpuUsage(start);
  await server.close();
  if (kind === 'metered' && tracker.snapshot().totals.calls.ok !== WARMUP + CALLS) {
    throw new Error('the tracker missed calls');
  }
  return (used.user + used.system) / 1000 / CALLS;
}

/** Bare SDK loop vs metered session loop, each in fresh processes, alternating. */
function meteringOverhead(node: string, root: string): BenchRow[] {
  const self = fileURLToPath(import.meta.url);
  const loop = (kind: string) => {
    const result = spawnSync(node, [self, WORKER_FLAG, kind, root], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${kind} loop failed: ${result.stderr}`);
    return Number(result.stdout.trim());
  };
  const bareMs: number[] = [];
  const meteredMs: number[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    bareMs.push(loop('bare'));
    meteredMs.push(loop('metered'));
  }
  const bare = median(bareMs);
  const metered = median(meteredMs);
  const overhead = (metered / bare - 1) * 100;
  return [
    {
      section: 'providers',
      metric: 'bare SDK call, non-streamed (CPU ms/call)',
      value: bare.toFixed(3),
    },
    {
      section: 'providers',
      metric: 'metered session call (CPU ms/call)',
      value: metered.toFixed(3),
    },
    {
      section: 'providers',
      metric: 'metering overhead per call',
      value: `${overhead.toFixed(1)}%`,
      target: '<= 5%',
      ok: overhead <= 5,
    },
  ];
}

/** Whole-process time of `chatmeter -p hi --mock --json` (zero delay) against `node -e 0`. */
function oneShotMock(cli: string, node: string): BenchRow[] {
  const home = mkdtempSync(join(tmpdir(), 'chatmeter-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CHATMETER_HOME: home,
    CHATMETER_MOCK_DELAY_MS: '0',
  };
  delete env.OPENAI_API_KEY;
  delete env.ANTHROPIC_API_KEY;
  try {
    const baseline = medianMs(node, ['-e', '0'], env);
    const oneShot = medianMs(node, [cli, '-p', 'hi', '--mock', '--json'], env);
    return [
      { section: 'providers', metric: 'node -e 0 (ms, median)', value: baseline.toFixed(1) },
      {
        section: 'providers',
        metric: '-p hi --mock --json (ms, median)',
        value: oneShot.toFixed(1),
      },
      {
        section: 'providers',
        metric: 'one-shot mock / node -e 0',
        value: `${(oneShot / baseline).toFixed(2)}x`,
      },
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const bench: Bench = async (ctx) => [
  ...meteringOverhead(ctx.node, ctx.root),
  ...oneShotMock(ctx.cli, ctx.node),
];
export default bench;

if (process.argv[2] === WORKER_FLAG) {
  const kind = process.argv[3] === 'metered' ? 'metered' : 'bare';
  process.stdout.write(`${await runLoop(kind, process.argv[4] ?? process.cwd())}\n`);
}
