import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger } from '../src/core/ledger/ledger';
import { LedgerSink } from '../src/core/ledger/recording';
import type { CallRecord } from '../src/core/usage/types';
import { medianProcessMs, peakRssMib, ratioText } from './measure';
import type { BenchContext, BenchModule, BenchRow } from './types';

const MODELS = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-5'],
  ['openai', 'gpt-5-mini'],
  ['openai', 'o3'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['anthropic', 'claude-opus-4-1'],
  ['anthropic', 'claude-haiku-4-5'],
  ['openai', 'grok-4'],
  ['mock', 'gpt-4o'],
] as const;

function call(i: number, sessionId: string, endedAtMs: number): CallRecord {
  const [provider, model] = MODELS[i % MODELS.length]!;
  return {
    callId: `bench-${i}`,
    sessionId,
    provider,
    model,
    outcome: i % 50 === 0 ? 'failed' : i % 70 === 0 ? 'aborted' : 'ok',
    usage: {
      inputTokens: 500 + (i % 3000),
      cacheReadTokens: i % 4 === 0 ? 2000 : 0,
      cacheWrite5mTokens: i % 9 === 0 ? 1000 : 0,
      cacheWrite1hTokens: 0,
      outputTokens: 200 + (i % 900),
      reasoningTokens: i % 5 === 0 ? 100 : 0,
    },
    estimated: i % 40 === 0,
    costPicoUsd: provider === 'mock' ? 0n : BigInt(1_000_000_000 + i * 7919),
    simulatedCostPicoUsd: provider === 'mock' ? 5_000_000_000n : null,
    cacheSavingsPicoUsd: i % 4 === 0 ? 2_250_000_000n : 0n,
    latencyMs: 300 + (i % 2000),
    errorKind: null,
    endedAtMs,
  };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Per-call latency of LedgerSink.record on a real file (WAL, synchronous=NORMAL). */
function appendLatency(dir: string): { medianUs: number; p99Us: number } {
  const ledger = openLedger(join(dir, 'append', 'usage.db'), { chatmeterVersion: 'bench' });
  const sink = new LedgerSink(ledger, 'real');
  const times: number[] = [];
  const start = Date.now();
  for (let i = 0; i < 10_000; i++) {
    const record = call(i % 9, 'append-session', start + i);
    const t0 = process.hrtime.bigint();
    sink.record({ ...record, callId: `append-${i}` });
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  ledger.close();
  times.sort((a, b) => a - b);
  return { medianUs: quantile(times, 0.5), p99Us: quantile(times, 0.99) };
}

/** Writes `count` calls over the year before now, 100 per session, in one transaction (rollups kept by the trigger as usual). */
function generate(file: string, count: number): number {
  const ledger = openLedger(file, { chatmeterVersion: 'bench' });
  const t0 = Date.now();
  const yearMs = 365 * 86_400_000;
  ledger.db.exec('BEGIN');
  for (let i = 0; i < count; i++) {
    const endedAtMs = t0 - yearMs + Math.floor((i / count) * yearMs);
    const sessionId = `bench-session-${Math.floor(i / 100)}`;
    const record = call(i, sessionId, endedAtMs);
    if (i % 100 === 0)
      ledger.startSession(sessionId, record.provider === 'mock' ? 'mock' : 'real', endedAtMs);
    ledger.recordCall(record, record.provider === 'mock');
  }
  ledger.db.exec('COMMIT');
  ledger.close();
  return Date.now() - t0;
}

/** Calls in the generated ledger (CHATMETER_BENCH_CALLS overrides, for a quick run). */
const CALLS = Number(process.env.CHATMETER_BENCH_CALLS ?? 1_000_000);
const CALLS_TEXT = CALLS.toLocaleString('en-US');
/** Runs of each whole-process timing. */
const RUNS = 5;

const appendSection = async (): Promise<BenchRow[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'chatmeter-ledger-bench-'));
  try {
    const append = appendLatency(dir);
    return [
      {
        section: 'ledger',
        metric: 'append one call, median (µs, 10,000 calls)',
        value: append.medianUs.toFixed(1),
      },
      {
        section: 'ledger',
        metric: 'append one call, p99 (µs)',
        value: append.p99Us.toFixed(1),
        target: '<= 5,000',
        ok: append.p99Us <= 5000,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The generated ledger's home folder, built once by the first section that needs it. */
let generated: { home: string; ms: number } | undefined;
function generatedHome(): { home: string; ms: number } {
  if (generated === undefined) {
    const home = mkdtempSync(join(tmpdir(), 'chatmeter-ledger-bench-'));
    process.on('exit', () => rmSync(home, { recursive: true, force: true }));
    generated = { home, ms: generate(join(home, 'usage.db'), CALLS) };
  }
  return generated;
}

const generateSection = async (): Promise<BenchRow[]> => [
  {
    section: 'ledger',
    metric: `generate ${CALLS_TEXT} calls, ${(CALLS / 100).toLocaleString('en-US')} sessions (ms)`,
    value: generatedHome().ms,
  },
];

/**
 * A report over the generated ledger: whole-process time against `node -e 0` (at most 3x) and
 * its peak RSS (at most `maxRssMib` when given).
 */
function reportSection(args: readonly string[], maxRssMib?: number) {
  return async (ctx: BenchContext): Promise<BenchRow[]> => {
    const { home } = generatedHome();
    const env = { ...process.env, CHATMETER_HOME: home };
    const baseline = medianProcessMs(ctx.node, ['-e', '0'], env, RUNS);
    const ms = medianProcessMs(ctx.node, [ctx.cli, 'usage', ...args], env, RUNS);
    const label = `usage ${args.join(' ')}, ${CALLS_TEXT} calls`;
    const rows: BenchRow[] = [
      {
        section: 'ledger',
        metric: `${label} (ms; node -e 0: ${baseline.toFixed(0)})`,
        value: ms.toFixed(0),
      },
      {
        section: 'ledger',
        metric: `${label} / node -e 0`,
        value: ratioText(ms, baseline),
        target: '<= 3.0x',
        ok: ms / baseline <= 3,
      },
    ];
    const mib = peakRssMib(ctx.node, [ctx.cli, 'usage', ...args], env, home);
    rows.push({
      section: 'ledger',
      metric: `${label}, peak RSS (MiB)`,
      value: mib.toFixed(1),
      ...(maxRssMib === undefined ? {} : { target: `< ${maxRssMib} MiB`, ok: mib < maxRssMib }),
    });
    return rows;
  };
}

const report = (args: readonly string[], maxRssMib?: number) => ({
  name: 'ledger',
  run: reportSection(args, maxRssMib),
});

export default [
  { name: 'ledger', run: appendSection },
  { name: 'ledger', run: generateSection },
  report(['--by', 'day'], 80),
  report(['--by', 'month']),
  report(['--by', 'model']),
  report(['--by', 'session']),
  report(['sessions']),
] satisfies BenchModule;
