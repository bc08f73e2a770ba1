import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io';
import { buildChatServices, type ChatServices } from '../../src/cli/services';
import type { ChatEvent } from '../../src/core/chat/types';
import { openLedger } from '../../src/core/ledger/ledger';
import { callsToExport } from '../../src/core/ledger/otlp-exports';
import { picoToUsdString } from '../../src/core/pricing/money';
import { summarizeSession } from '../../src/core/usage/summary';
import {
  type OtlpPoint,
  type OtlpReceiver,
  startOtlpReceiver,
  sumOf,
} from '../helpers/otlp-receiver';
import { loadFixture, type ReplayServer, startReplayServer } from '../helpers/replay-server';

/** The semconv boundaries, written out here (not read from the code under test). */
const SEMCONV_TOKEN_BOUNDS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];

let replay: ReplayServer;
let receiver: OtlpReceiver;
beforeAll(async () => {
  replay = await startReplayServer();
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await replay.close();
  await receiver.close();
});

async function drain(
  events: AsyncGenerator<ChatEvent>,
): Promise<Extract<ChatEvent, { type: 'end' }>> {
  for await (const event of events) if (event.type === 'end') return event;
  throw new Error('no end event');
}

/**
 * One session over the real SDKs and the replay server: gpt-4o-mini ok, gpt-4o-mini failed
 * (401), claude-sonnet-4 with a cache read, claude-sonnet-4 cut mid-stream (aborted).
 */
async function runSession(protocol: string) {
  const home = mkdtempSync(join(tmpdir(), 'chatmeter-otel-'));
  const env: NodeJS.ProcessEnv = {
    CHATMETER_HOME: home,
    OPENAI_API_KEY: 'sk-test',
    ANTHROPIC_API_KEY: 'sk-ant-test',
    OPENAI_BASE_URL: `${replay.origin}/v1`,
    ANTHROPIC_BASE_URL: replay.origin,
    CHATMETER_TELEMETRY: '1',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.origin,
    OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
    OTEL_RESOURCE_ATTRIBUTES: 'team=platform,department=r%26d',
  };
  const stderr: string[] = [];
  const io: Io = {
    stdout: { write: () => true },
    stderr: { write: (text: string) => stderr.push(text) },
    stdin: process.stdin,
    env,
  };
  const services: ChatServices = await buildChatServices(
    { model: 'gpt-4o-mini', stream: true, ledger: true, color: false, budget: '1' },
    io,
  );
  const send = (text: string) => drain(services.session.send(text, new AbortController().signal));
  replay.serve(loadFixture('openai/chat-stream-include-usage.sse'));
  expect((await send('one')).call.outcome).toBe('ok');
  replay.serve(loadFixture('openai/error-401-invalid-api-key.json'));
  expect((await send('two')).call.outcome).toBe('failed');
  expect(services.session.switchModel('claude-sonnet-4-20250514')).toMatchObject({ ok: true });
  replay.serve(loadFixture('anthropic/messages-stream-cache-read.sse'));
  expect((await send('three')).call.usage.cacheReadTokens).toBeGreaterThan(0);
  const basic = loadFixture('anthropic/messages-stream-basic.sse');
  replay.serve(basic, { kind: 'truncated', cutAt: Math.floor(basic.body.length / 2) });
  expect((await send('four')).call.outcome).toBe('aborted');
  const summary = summarizeSession(services.tracker.snapshot(), Date.now());
  const before = receiver.requests.length;
  await services.close();
  return {
    summary,
    requests: receiver.requests.slice(before),
    stderr,
    home,
    sessionId: services.session.sessionId,
  };
}

const forSession = (points: readonly OtlpPoint[], sessionId: string) =>
  points.filter((p) => p.attrs['session.id'] === undefined || p.attrs['session.id'] === sessionId);

describe.each([
  ['http/protobuf', 'application/x-protobuf'],
  ['http/json', 'application/json'],
])('a session exported over OTLP %s', (protocol, contentType) => {
  let run: Awaited<ReturnType<typeof runSession>>;
  let points: OtlpPoint[];
  beforeAll(async () => {
    run = await runSession(protocol);
    points = forSession(
      run.requests.flatMap((r) => r.points),
      run.sessionId,
    );
  });

  it('reaches the receiver once at the end, in its encoding, with no warning', () => {
    expect(run.requests).toHaveLength(1);
    expect(run.requests[0]!.contentType).toContain(contentType);
    expect(receiver.paths.at(-1)).toBe('/v1/metrics');
    expect(run.stderr).toEqual([]);
  });

  it('names chatmeter, its version and the OTEL_RESOURCE_ATTRIBUTES in the resource', () => {
    const { resource, scopes } = run.requests[0]!;
    expect(resource).toMatchObject({
      'service.name': 'chatmeter',
      team: 'platform',
      department: 'r&d',
    });
    expect(resource['service.version']).toMatch(/^\d+\.\d+\.\d+/);
    expect(scopes).toEqual(['chatmeter']);
  });

  it('exports token totals equal to the session summary, per chatmeter bucket', () => {
    const { usage } = run.summary.totals;
    const tokens = (type: string) => sumOf(points, 'chatmeter.token.usage', { type });
    expect(tokens('input')).toBe(usage.inputTokens);
    expect(tokens('cache_read')).toBe(usage.cacheReadTokens);
    expect(tokens('cache_read')).toBeGreaterThan(0);
    expect(tokens('cache_creation')).toBe(usage.cacheWrite5mTokens + usage.cacheWrite1hTokens);
    expect(tokens('output')).toBe(usage.outputTokens);
    expect(tokens('reasoning')).toBe(usage.reasoningTokens);
    expect(points.filter((p) => p.metric === 'chatmeter.token.usage').every((p) => p.isInt)).toBe(
      true,
    );
  });

  it('exports the cost total equal to the session summary to the pico-dollar', () => {
    const cost = sumOf(points, 'chatmeter.cost.usage');
    expect(run.summary.totals.costPicoUsd).toBeGreaterThan(0n);
    expect(cost.toFixed(12)).toBe(picoToUsdString(run.summary.totals.costPicoUsd!, 12));
    const costPoints = points.filter((p) => p.metric === 'chatmeter.cost.usage');
    expect(
      costPoints.every((p) => p.unit === 'USD' && p.attrs['chatmeter.cost.source'] === 'list'),
    ).toBe(true);
    for (const model of run.summary.models) {
      const exported = sumOf(points, 'chatmeter.cost.usage', {
        'gen_ai.request.model': model.model,
      });
      expect(exported.toFixed(12)).toBe(picoToUsdString(model.costPicoUsd ?? 0n, 12));
    }
  });

  it('counts the calls by outcome and model like the summary', () => {
    const calls = (outcome: string) =>
      sumOf(points, 'chatmeter.call.count', { 'chatmeter.outcome': outcome });
    expect({ ok: calls('ok'), failed: calls('failed'), aborted: calls('aborted') }).toEqual(
      run.summary.totals.calls,
    );
    expect(run.summary.totals.calls).toEqual({ ok: 2, failed: 1, aborted: 1 });
    expect(
      sumOf(points, 'chatmeter.call.count', {
        'chatmeter.outcome': 'aborted',
        'chatmeter.estimated': true,
      }),
    ).toBe(1);
    expect(sumOf(points, 'chatmeter.session.count')).toBe(1);
  });

  it('sends delta, monotonic sums and delta histograms', () => {
    for (const point of points) {
      if (point.kind === 'gauge') continue;
      expect(point.temporality, point.metric).toBe(1);
      if (point.kind === 'sum') expect(point.monotonic, point.metric).toBe(true);
    }
  });

  it('puts the semconv attributes on gen_ai.client.token.usage, one point per model and token type', () => {
    // The aborted call replays a recording made with claude-haiku-4-5: its response model says so.
    const usage = points.filter((p) => p.metric === 'gen_ai.client.token.usage');
    expect(usage.every((p) => p.unit === '{token}' && p.kind === 'histogram')).toBe(true);
    const keyOf = (p: OtlpPoint) =>
      [
        p.attrs['gen_ai.request.model'],
        p.attrs['gen_ai.response.model'],
        p.attrs['gen_ai.token.type'],
      ].join(' ');
    const byKey = new Map(usage.map((p) => [keyOf(p), p]));
    expect(usage).toHaveLength(byKey.size);
    expect([...byKey.keys()].sort()).toEqual([
      'claude-sonnet-4-20250514 claude-haiku-4-5-20251001 input',
      'claude-sonnet-4-20250514 claude-haiku-4-5-20251001 output',
      'claude-sonnet-4-20250514 claude-sonnet-4-20250514 input',
      'claude-sonnet-4-20250514 claude-sonnet-4-20250514 output',
      'gpt-4o-mini gpt-4o-mini-2024-07-18 input',
      'gpt-4o-mini gpt-4o-mini-2024-07-18 output',
    ]);
    const port = Number(new URL(replay.origin).port);
    for (const point of usage) {
      expect(point.attrs).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'server.address': '127.0.0.1',
        'server.port': port,
        'session.id': run.sessionId,
      });
      expect(point.bounds).toEqual(SEMCONV_TOKEN_BOUNDS);
      expect(point.bucketCounts!.reduce((a, b) => a + b, 0)).toBe(point.count);
    }
    const gptInput = byKey.get('gpt-4o-mini gpt-4o-mini-2024-07-18 input')!;
    const claudeInput = byKey.get('claude-sonnet-4-20250514 claude-sonnet-4-20250514 input')!;
    expect(gptInput.attrs['gen_ai.provider.name']).toBe('openai');
    expect(claudeInput.attrs['gen_ai.provider.name']).toBe('anthropic');
    // One point per call here; the failed gpt-4o-mini call records no tokens.
    expect(usage.every((p) => p.count === 1)).toBe(true);
    const { usage: total } = run.summary.totals;
    const inputSum = usage
      .filter((p) => p.attrs['gen_ai.token.type'] === 'input')
      .reduce((sum, p) => sum + p.sum!, 0);
    expect(inputSum).toBe(
      total.inputTokens +
        total.cacheReadTokens +
        total.cacheWrite5mTokens +
        total.cacheWrite1hTokens,
    );
  });

  it('files the cache-hit prompt (11 + 1,031 tokens) in the 1024-4096 bucket', () => {
    const claudeInput = points.find(
      (p) =>
        p.metric === 'gen_ai.client.token.usage' &&
        p.attrs['gen_ai.response.model'] === 'claude-sonnet-4-20250514' &&
        p.attrs['gen_ai.token.type'] === 'input',
    )!;
    // bounds[5] = 1024 < 1042 <= bounds[6] = 4096: bucket 6, and nothing else.
    expect(claudeInput.sum).toBe(1042);
    expect(claudeInput.bucketCounts).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('records durations, with error.type on the failed and aborted calls', () => {
    const durations = points.filter((p) => p.metric === 'gen_ai.client.operation.duration');
    expect(durations.every((p) => p.unit === 's')).toBe(true);
    expect(durations.reduce((n, p) => n + p.count!, 0)).toBe(4);
    const failed = durations.filter((p) => p.attrs['error.type'] !== undefined);
    expect(failed.reduce((n, p) => n + p.count!, 0)).toBe(2);
  });

  it('records the time to the first chunk of the streamed replies', () => {
    const firstChunk = points.filter(
      (p) => p.metric === 'gen_ai.client.operation.time_to_first_chunk',
    );
    expect(firstChunk.every((p) => p.unit === 's' && p.kind === 'histogram')).toBe(true);
    const models = new Set(firstChunk.map((p) => p.attrs['gen_ai.request.model']));
    expect(models).toEqual(new Set(['gpt-4o-mini', 'claude-sonnet-4-20250514']));
    // The failed call streamed nothing.
    expect(
      firstChunk.filter((p) => p.attrs['gen_ai.request.model'] === 'gpt-4o-mini')[0]!.count,
    ).toBe(1);
  });

  it("records the session budget's utilization as a gauge", () => {
    const gauge = points.filter((p) => p.metric === 'chatmeter.budget.utilization');
    expect(gauge.length).toBeGreaterThan(0);
    expect(
      gauge.every((p) => p.kind === 'gauge' && p.attrs['chatmeter.budget.scope'] === 'session'),
    ).toBe(true);
    const last = gauge.at(-1)!;
    expect(last.attrs['chatmeter.budget.level']).toBe('ok');
    // Spent of a $1 limit: the session's cost in USD.
    expect(last.value).toBeCloseTo(Number(run.summary.totals.costPicoUsd) / 1e12, 12);
  });

  it('never sends prompt or reply text', () => {
    const text = JSON.stringify(run.requests, (_k, v: unknown) =>
      typeof v === 'bigint' ? String(v) : v,
    );
    for (const prompt of ['"one"', '"two"', '"three"', '"four"', 'sk-test', 'sk-ant-test']) {
      expect(text).not.toContain(prompt);
    }
  });

  it('remembers the exported calls in the ledger, so a backfill finds nothing to send', () => {
    const ledger = openLedger(join(run.home, 'usage.db'), { chatmeterVersion: 'test' });
    try {
      expect(callsToExport(ledger.db, { fromMs: null, includeExported: false })).toEqual([]);
      expect(
        callsToExport(ledger.db, { fromMs: null, includeExported: true })[0]!.calls,
      ).toHaveLength(4);
    } finally {
      ledger.close();
    }
  });
});
