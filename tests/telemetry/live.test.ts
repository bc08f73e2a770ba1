import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { describe, expect, it, vi } from 'vitest';
import { startLiveTelemetry } from '../../src/telemetry/live';
import { otlpSettingsFromEnv } from '../../src/telemetry/otlp-env';
import { makeCall } from '../core/ledger/helpers';
import { sumOf, useOtlpReceiver } from '../helpers/otlp-receiver';

const receiver = useOtlpReceiver();

function start(env: NodeJS.ProcessEnv, exporter?: PushMetricExporter) {
  return startLiveTelemetry({
    settings: otlpSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver().origin, ...env }),
    chatmeterVersion: '9.9.9',
    sessionId: 'live-session',
    endpointOf: (provider) => ({ providerName: provider }),
    ledgerBacked: true,
    exporter,
  });
}

describe.each([
  ['delta', 1],
  ['cumulative', 2],
])('periodic exports with %s temporality', (temporality, wire) => {
  it('export each call once, in order, and report every exported call at close', async () => {
    const before = receiver().requests.length;
    const telemetry = start({
      OTEL_METRIC_EXPORT_INTERVAL: '20',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: temporality,
    });
    const first = makeCall({ sessionId: 'live-session', costPicoUsd: 100_000_000_001n });
    const second = makeCall({ sessionId: 'live-session', costPicoUsd: 200_000_000_002n });
    const mock = makeCall({ sessionId: 'live-session', provider: 'mock', model: 'mock' });
    telemetry.sink.record(first);
    telemetry.sink.record(mock);
    const callsSent = () =>
      receiver()
        .requests.slice(before)
        .map((r) => sumOf(r.points, 'chatmeter.call.count'));
    await vi.waitFor(() => expect(callsSent().some((n) => n > 0)).toBe(true));
    telemetry.sink.record(second);
    await vi.waitFor(() =>
      expect(callsSent().filter((n) => n > 0).length).toBeGreaterThanOrEqual(2),
    );
    const closed = await telemetry.close();
    expect(closed.warning).toBeNull();
    expect([...closed.exportedCallIds].sort()).toEqual([first.callId, second.callId].sort());
    const requests = receiver().requests.slice(before);
    const withCalls = requests.filter((r) => sumOf(r.points, 'chatmeter.call.count') > 0);
    const costs = withCalls.map((r) => sumOf(r.points, 'chatmeter.cost.usage').toFixed(12));
    if (temporality === 'delta') {
      expect(costs).toEqual(['0.100000000001', '0.200000000002']);
    } else {
      expect(costs[0]).toBe('0.100000000001');
      expect(costs.at(-1)).toBe('0.300000000003');
    }
    const sums = requests.flatMap((r) => r.points).filter((p) => p.kind === 'sum');
    expect(new Set(sums.map((p) => p.temporality))).toEqual(new Set([wire]));
    expect(
      requests.flatMap((r) => r.points).some((p) => p.attrs['gen_ai.request.model'] === 'mock'),
    ).toBe(false);
  });
});

describe('delta points', () => {
  it('cover the time since the previous export (the session start for the first)', async () => {
    const before = receiver().requests.length;
    const startedNs = BigInt(Date.now()) * 1_000_000n;
    const telemetry = start({ OTEL_METRIC_EXPORT_INTERVAL: '20' });
    const withCalls = () =>
      receiver()
        .requests.slice(before)
        .filter((r) => sumOf(r.points, 'chatmeter.call.count') > 0);
    telemetry.sink.record(makeCall({ sessionId: 'live-session' }));
    await vi.waitFor(() => expect(withCalls().length).toBe(1));
    telemetry.sink.record(makeCall({ sessionId: 'live-session' }));
    await vi.waitFor(() => expect(withCalls().length).toBe(2));
    expect((await telemetry.close()).warning).toBeNull();
    const intervals = receiver()
      .requests.slice(before)
      .map((r) => {
        const points = r.points.filter((p) => p.kind !== 'gauge');
        const starts = new Set(points.map((p) => p.startNs));
        const ends = new Set(points.map((p) => p.timeNs));
        expect(starts.size, 'one start per export').toBe(1);
        expect(ends.size, 'one end per export').toBe(1);
        return { startNs: [...starts][0]!, endNs: [...ends][0]! };
      });
    expect(intervals.length).toBeGreaterThanOrEqual(2);
    // The first export holds the session count, recorded at start: its interval begins then
    // (the SDK's clock and Date.now() may drift apart a little: a second of slack).
    expect(intervals[0]!.startNs).toBeGreaterThan(startedNs - 1_000_000_000n);
    expect(intervals[0]!.startNs).toBeLessThan(startedNs + 1_000_000_000n);
    for (const [i, interval] of intervals.entries()) {
      expect(interval.startNs, `export ${i}`).toBeLessThan(interval.endNs);
      if (i > 0) expect(interval.startNs, `export ${i}`).toBe(intervals[i - 1]!.endNs);
    }
  });
});

describe('a collector that refuses one export, then accepts', () => {
  it.each([
    ['cumulative', null],
    ['delta', /^telemetry: could not export to .* \(HTTP 400 Bad Request\); 1 call was not sent/],
  ])('with %s temporality: warns only if a call was lost', async (temporality, warning) => {
    const before = receiver().requests.length;
    receiver().behave(400);
    try {
      const telemetry = start({
        OTEL_METRIC_EXPORT_INTERVAL: '20',
        OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: temporality,
      });
      const call = makeCall({ sessionId: 'live-session' });
      telemetry.sink.record(call);
      await vi.waitFor(() => expect(receiver().requests.length).toBeGreaterThan(before));
      receiver().behave('accept');
      const closed = await telemetry.close();
      if (warning === null) {
        expect(closed.warning).toBeNull();
        expect(closed.exportedCallIds).toEqual([call.callId]);
      } else {
        expect(closed.warning).toMatch(warning);
        expect(closed.exportedCallIds).toEqual([]);
      }
    } finally {
      receiver().behave('accept');
    }
  });
});

describe('the final flush', () => {
  it('gives up after its bound when the exporter never answers, with a warning', async () => {
    const silent: PushMetricExporter = {
      export: () => undefined,
      forceFlush: () => new Promise(() => undefined),
      shutdown: () => new Promise(() => undefined),
    };
    const telemetry = start({}, silent);
    telemetry.sink.record(makeCall({ sessionId: 'live-session' }));
    const closed = await telemetry.close(50);
    expect(closed.exportedCallIds).toEqual([]);
    expect(closed.warning).toBe(
      `telemetry: could not export to ${receiver().origin}/v1/metrics (no answer within 0.05 s); 1 call was not sent (the usage ledger keeps it: \`chatmeter usage export --otlp\` sends them later).`,
    );
  });

  it('sends the OTEL_EXPORTER_OTLP_HEADERS', async () => {
    const before = receiver().requests.length;
    const telemetry = startLiveTelemetry({
      settings: otlpSettingsFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver().origin,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=s3cr3t%3D,x-team=platform',
      }),
      chatmeterVersion: '9.9.9',
      sessionId: 'live-session',
      endpointOf: (provider) => ({ providerName: provider }),
      ledgerBacked: false,
    });
    telemetry.sink.record(makeCall({ sessionId: 'live-session' }));
    expect((await telemetry.close()).warning).toBeNull();
    expect(receiver().headers.slice(before)[0]).toMatchObject({
      'x-api-key': 's3cr3t=',
      'x-team': 'platform',
    });
  });

  it('leaves the ledger out of the warning with --no-ledger', async () => {
    const telemetry = startLiveTelemetry({
      settings: otlpSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver().origin }),
      chatmeterVersion: '9.9.9',
      sessionId: 'live-session',
      endpointOf: (provider) => ({ providerName: provider }),
      ledgerBacked: false,
      exporter: {
        export: (_metrics, done) => done({ code: 1, error: new Error('connect ECONNREFUSED') }),
        forceFlush: async () => undefined,
        shutdown: async () => undefined,
      },
    });
    telemetry.sink.record(makeCall({ sessionId: 'live-session' }));
    expect((await telemetry.close()).warning).toBe(
      `telemetry: could not export to ${receiver().origin}/v1/metrics (connection refused); 1 call was not sent.`,
    );
  });

  it('drops session.id with OTEL_METRICS_INCLUDE_SESSION_ID=false', async () => {
    const before = receiver().requests.length;
    const telemetry = start({ OTEL_METRICS_INCLUDE_SESSION_ID: 'false' });
    telemetry.sink.record(makeCall({ sessionId: 'live-session' }));
    expect((await telemetry.close()).warning).toBeNull();
    const points = receiver()
      .requests.slice(before)
      .flatMap((r) => r.points);
    expect(points.length).toBeGreaterThan(5);
    expect(points.filter((p) => 'session.id' in p.attrs)).toEqual([]);
    expect(receiver().requests.at(-1)!.resource['service.version']).toBe('9.9.9');
  });
});
