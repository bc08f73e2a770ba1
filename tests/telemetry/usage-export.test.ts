import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { picoToUsdString } from '../../src/core/pricing/money';
import { ZERO_USAGE } from '../../src/core/usage/types';
import { runCli, seedLedger } from '../cli/usage-helpers';
import { makeCall, tempDir } from '../core/ledger/helpers';
import { childOutput } from '../helpers/child-output';
import {
  flattenRequest,
  type OtlpPoint,
  startOtlpReceiver,
  sumOf,
  useOtlpReceiver,
} from '../helpers/otlp-receiver';

const temp = tempDir('chatmeter-otel-export-');
const receiver = useOtlpReceiver();
afterAll(() => temp.cleanup());

const DAY1 = Date.UTC(2026, 10, 2, 9, 0, 0);
const DAY2 = Date.UTC(2026, 10, 5, 15, 30, 0);

/** Two real sessions on two days (odd costs), and a mock session that must never be sent. */
function seed(home: string): void {
  seedLedger(home, [
    {
      mode: 'real',
      calls: [
        makeCall({
          sessionId: 's-1',
          endedAtMs: DAY1,
          latencyMs: 1000,
          costPicoUsd: 1_234_567_891n,
        }),
        makeCall({
          sessionId: 's-1',
          model: 'claude-sonnet-4-5',
          provider: 'anthropic',
          endedAtMs: DAY1 + 60_000,
          costPicoUsd: 98_765_432_109n,
        }),
        makeCall({
          sessionId: 's-1',
          outcome: 'failed',
          usage: ZERO_USAGE,
          costPicoUsd: 0n,
          errorKind: 'auth',
          endedAtMs: DAY1 + 120_000,
        }),
      ],
    },
    {
      mode: 'real',
      calls: [
        makeCall({
          sessionId: 's-2',
          endedAtMs: DAY2,
          costPicoUsd: 333_333_333_333n,
          outcome: 'aborted',
          estimated: true,
        }),
      ],
    },
    {
      mode: 'mock',
      calls: [makeCall({ sessionId: 's-mock', provider: 'mock', model: 'mock', endedAtMs: DAY2 })],
    },
  ]);
}

async function exportCli(
  home: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver().origin },
) {
  const child = spawn(process.execPath, ['dist/cli.js', 'usage', 'export', ...args], {
    env: { ...process.env, CHATMETER_HOME: home, TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return childOutput(child);
}

describe('chatmeter usage export --otlp', () => {
  const home = `${temp.dir}/backfill`;
  let first: Awaited<ReturnType<typeof exportCli>>;
  let sent: OtlpPoint[];
  beforeAll(async () => {
    seed(home);
    const before = receiver().requests.length;
    first = await exportCli(home, ['--otlp']);
    sent = receiver()
      .requests.slice(before)
      .flatMap((r) => r.points);
  });

  it('sends the real calls with totals equal to the usage report', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(
      /^Exported 4 calls of 2 sessions to http:\/\/127\.0\.0\.1:\d+\/v1\/metrics\.$/m,
    );
    const report = JSON.parse(runCli(home, ['usage', '--format', 'json']).stdout);
    expect(sumOf(sent, 'chatmeter.cost.usage').toFixed(12)).toBe(
      picoToUsdString(1_234_567_891n + 98_765_432_109n + 333_333_333_333n, 12),
    );
    expect(report.totals.costUsd).toBe(
      picoToUsdString(1_234_567_891n + 98_765_432_109n + 333_333_333_333n),
    );
    expect(sumOf(sent, 'chatmeter.token.usage', { type: 'input' })).toBe(
      report.totals.usage.inputTokens,
    );
    expect(sumOf(sent, 'chatmeter.token.usage', { type: 'output' })).toBe(
      report.totals.usage.outputTokens,
    );
    expect(sumOf(sent, 'chatmeter.call.count', { 'chatmeter.outcome': 'failed' })).toBe(1);
    expect(sumOf(sent, 'chatmeter.session.count')).toBe(2);
    expect(sent.some((p) => p.attrs['gen_ai.request.model'] === 'mock')).toBe(false);
  });

  it("stamps each session's points with its own time span", () => {
    const ns = (ms: number) => BigInt(ms) * 1_000_000n;
    const session1 = sent.filter((p) => p.attrs['session.id'] === 's-1');
    const session2 = sent.filter((p) => p.attrs['session.id'] === 's-2');
    expect(session1.length).toBeGreaterThan(0);
    expect(new Set(session1.map((p) => `${p.startNs}-${p.timeNs}`))).toEqual(
      new Set([`${ns(DAY1 - 1000)}-${ns(DAY1 + 120_000)}`]),
    );
    expect(session2.every((p) => p.timeNs === ns(DAY2))).toBe(true);
  });

  it('sends nothing the second time (each call is remembered), and everything again with --all', async () => {
    const before = receiver().requests.length;
    const again = await exportCli(home, ['--otlp']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Nothing to export: every real call was sent already/);
    expect(receiver().requests.length).toBe(before);
    const all = await exportCli(home, ['--otlp', '--all']);
    expect(all.stderr).toMatch(/Exported 4 calls of 2 sessions/);
  });
});

describe('chatmeter usage export, other cases', () => {
  it('--since leaves out earlier days', async () => {
    const home = `${temp.dir}/since`;
    seed(home);
    const before = receiver().requests.length;
    const run = await exportCli(home, ['--otlp', '--since', '2026-11-03']);
    expect(run.stderr).toMatch(/Exported 1 call of 1 session/);
    const points = receiver()
      .requests.slice(before)
      .flatMap((r) => r.points);
    expect(new Set(points.map((p) => p.attrs['session.id']))).toEqual(new Set(['s-2']));
  });

  it('--format otlp-json writes the payload --otlp sends, and marks nothing', async () => {
    const home = `${temp.dir}/json`;
    seed(home);
    const file = `${home}/payload.json`;
    const written = await exportCli(home, ['--format', 'otlp-json', '--output', file]);
    expect(written.stderr).toMatch(/^Wrote 4 calls of 2 sessions as OTLP JSON to /);
    const fromFile = flattenRequest(JSON.parse(readFileSync(file, 'utf8')), 'file');
    const before = receiver().requests.length;
    expect((await exportCli(home, ['--otlp'])).code).toBe(0);
    const sent = receiver().requests[before]!;
    expect(fromFile.points).toEqual(sent.points);
    expect(fromFile.resource).toEqual(sent.resource);
  });

  it('keeps the calls unsent and exits 1 when the collector is down', async () => {
    const home = `${temp.dir}/down`;
    seed(home);
    // A short OTEL_EXPORTER_OTLP_TIMEOUT: the exporter retries a refused connection until then.
    const down = await exportCli(home, ['--otlp'], {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      OTEL_EXPORTER_OTLP_TIMEOUT: '500',
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^chatmeter: could not export to .*nothing was marked as sent/m);
    const before = receiver().requests.length;
    expect((await exportCli(home, ['--otlp'])).stderr).toMatch(/Exported 4 calls/);
    expect(receiver().requests.length).toBe(before + 1);
  });

  it('says the collector refused the data, and what to check, when it answers 400', async () => {
    const home = `${temp.dir}/refused`;
    seed(home);
    const refusing = await startOtlpReceiver(400);
    try {
      const run = await exportCli(home, ['--otlp'], {
        OTEL_EXPORTER_OTLP_ENDPOINT: refusing.origin,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `chatmeter: the collector at ${refusing.origin}/v1/metrics refused the data (HTTP 400 Bad Request); nothing was marked as sent: check OTEL_EXPORTER_OTLP_ENDPOINT (or ..._METRICS_ENDPOINT) and OTEL_EXPORTER_OTLP_HEADERS, then run it again.\n`,
      );
      expect(refusing.requests).toHaveLength(1);
    } finally {
      await refusing.close();
    }
  });

  it('says there are no calls in the range, not that they were sent, when --since is past them', async () => {
    const home = `${temp.dir}/empty-range`;
    seed(home);
    const before = receiver().requests.length;
    const run = await exportCli(home, ['--otlp', '--since', '2030-01-01']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'Nothing to export: the usage ledger has no real calls since 2030-01-01 (mock calls are never exported).\n',
    );
    expect(receiver().requests.length).toBe(before);
  });

  it('asks where the calls go when neither --otlp nor --format is given', async () => {
    const run = await exportCli(`${temp.dir}/none`, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^chatmeter: Say where the calls go: --otlp .* --format otlp-json/);
  });
});
