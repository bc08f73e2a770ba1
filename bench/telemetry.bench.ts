// What telemetry costs. Off: the one-shot start-up must not move (nothing is loaded);
// on: the start-up added by loading OpenTelemetry and the final flush to a local collector, and
// the per-call work (queue, instruments at collection, OTLP encoding and sending).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiveTelemetry } from '../src/telemetry/live';
import { otlpSettingsFromEnv } from '../src/telemetry/otlp-env';
import type { CallRecord } from '../src/core/usage/types';
import { median } from './measure';
import type { Bench } from './types';

const RUNS = 15;
const CALLS = 20_000;

/** Wall time of one whole run, spawned asynchronously so this process's collector answers. */
async function runMs(
  node: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const start = process.hrtime.bigint();
  const code = await new Promise<number | null>((resolve) => {
    spawn(node, args, { env, stdio: 'ignore' }).on('close', resolve);
  });
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Median wall times of several commands, their runs interleaved (A B C A B C ...) so the load
 * of a shared machine drifts over all of them alike; ratios between them are what to trust.
 */
async function interleavedMedians(
  node: string,
  commands: readonly (readonly [readonly string[], NodeJS.ProcessEnv])[],
): Promise<number[]> {
  const times: number[][] = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [index, [args, env]] of commands.entries())
      times[index]!.push(await runMs(node, args, env));
  }
  return times.map(median);
}

function call(i: number): CallRecord {
  return {
    callId: `bench-${i}`,
    sessionId: 'bench-session',
    provider: i % 2 === 0 ? 'openai' : 'anthropic',
    model: ['gpt-4o-mini', 'gpt-5', 'claude-sonnet-4-5', 'claude-haiku-4-5'][i % 4]!,
    outcome: i % 50 === 0 ? 'failed' : 'ok',
    usage: {
      inputTokens: 1000 + (i % 700),
      cacheReadTokens: i % 3 === 0 ? 4096 : 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      outputTokens: 200 + (i % 300),
      reasoningTokens: i % 5 === 0 ? 64 : 0,
    },
    estimated: false,
    costPicoUsd: BigInt(1_000_000_000 + i * 7919),
    simulatedCostPicoUsd: null,
    cacheSavingsPicoUsd: 0n,
    latencyMs: 300 + (i % 900),
    errorKind: null,
    endedAtMs: Date.now(),
  };
}

const bench: Bench = async (ctx) => {
  let received = 0;
  const collector = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  try {
    const home = mkdtempSync(join(tmpdir(), 'chatmeter-bench-otel-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CHATMETER_HOME: home,
      CHATMETER_MOCK_DELAY_MS: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    };
    delete env.CHATMETER_TELEMETRY;
    const args = [ctx.cli, '-p', 'hi', '--mock', '--json', '--no-ledger'];
    // BENCH_BEFORE_CLI=<a build without telemetry>/cli.js compares the start-up with it off.
    const before = process.env.BENCH_BEFORE_CLI;
    const on = { ...env, CHATMETER_TELEMETRY: '1' };
    const [baseline, offMs, onMs, beforeMs] = await interleavedMedians(ctx.node, [
      [['-e', '0'], env],
      [args, env],
      [args, on],
      ...(before ? [[[before, ...args.slice(1)], env] as const] : []),
    ]);
    const rows = [
      {
        section: 'telemetry',
        metric: 'one-shot mock, telemetry off (ms, median)',
        value: offMs!.toFixed(1),
      },
      {
        section: 'telemetry',
        metric: 'one-shot mock, telemetry off / node -e 0',
        value: `${(offMs! / baseline!).toFixed(2)}x`,
      },
      {
        section: 'telemetry',
        metric: 'one-shot mock, telemetry on (ms, median)',
        value: onMs!.toFixed(1),
      },
      {
        section: 'telemetry',
        metric: 'one-shot, telemetry on / off (load + final flush)',
        value: `${(onMs! / offMs!).toFixed(2)}x`,
        target: '<= 1.5x',
        ok: onMs! / offMs! <= 1.5,
      },
    ];
    if (beforeMs !== undefined) {
      rows.push({
        section: 'telemetry',
        metric: 'one-shot mock, telemetry off / build before it',
        value: `${(offMs! / beforeMs).toFixed(2)}x`,
        target: '<= 1.05x',
        ok: offMs! / beforeMs <= 1.05,
      });
    }
    const live = startLiveTelemetry({
      settings: otlpSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }),
      chatmeterVersion: 'bench',
      sessionId: 'bench-session',
      endpointOf: (provider) => ({ providerName: provider, address: 'api.example.com', port: 443 }),
      ledgerBacked: false,
    });
    const calls = Array.from({ length: CALLS }, (_, i) => call(i));
    const start = process.hrtime.bigint();
    for (const record of calls) live.sink.record(record);
    const recordNs = Number(process.hrtime.bigint() - start);
    const closed = await live.close(60_000);
    const totalNs = Number(process.hrtime.bigint() - start);
    if (closed.warning !== null || received === 0)
      throw new Error(`export failed: ${closed.warning}`);
    const perCallUs = totalNs / CALLS / 1000;
    rows.push(
      {
        section: 'telemetry',
        metric: 'sink.record per call (us)',
        value: (recordNs / CALLS / 1000).toFixed(2),
      },
      {
        section: 'telemetry',
        metric: `per call, record + collect + OTLP export (us, ${CALLS.toLocaleString('en-US')} calls)`,
        value: perCallUs.toFixed(1),
        target: '<= 50 us',
        ok: perCallUs <= 50,
      },
    );
    return rows;
  } finally {
    await new Promise<void>((resolve) => collector.close(() => resolve()));
  }
};
export default bench;
