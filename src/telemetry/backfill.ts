/**
 * `chatmeter usage export --otlp`: the ledger's calls as one OTLP metrics payload, the
 * same metrics live telemetry sends, each session's points stamped with the session's own time
 * span (delta) so a backfill lands on the days the calls were made.
 */
import type { HrTime } from '@opentelemetry/api';
import {
  AggregationTemporality,
  type MetricData,
  MetricReader,
  MeterProvider,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import type { SessionCalls } from '../core/ledger/otlp-exports';
import { providerEndpoint } from './attributes';
import { createOtlpExporter, type ExportFailure, exportOnce } from './exporter';
import { createInstruments } from './instruments';
import { restamped } from './intervals';
import { SCOPE_NAME } from './live';
import type { OtlpSettings } from './otlp-env';
import { chatmeterResource } from './resource';

/** A reader that collects only when asked (no timer, no exporter). */
class ManualReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

function hrTime(ms: number): HrTime {
  return [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];
}


/**
 * One payload of the given sessions' calls. The ledger keeps no base URL, so a chat's calls get
 * the endpoint live telemetry gives them under the current configuration (`baseUrlOf`: the
 * provider's base URL, undefined for its own API): the same `gen_ai.provider.name`,
 * `server.address` and `server.port`, so backfilled points join the live series. Calls made
 * through `chatmeter proxy` (never exported live; their upstream is not recorded) get no server
 * attributes. Delta: one collection per session, stamped from its first call's start to its last
 * call's end. Cumulative: one collection of every call, over the whole span. Null when there is
 * nothing to send.
 */
export async function backfillMetrics(
  sessions: readonly SessionCalls[],
  settings: OtlpSettings,
  chatmeterVersion: string,
  baseUrlOf: (provider: string) => string | undefined,
): Promise<ResourceMetrics | null> {
  const calls = sessions.flatMap((session) => session.calls);
  if (calls.length === 0) return null;
  const temporality =
    settings.temporality === 'delta'
      ? AggregationTemporality.DELTA
      : AggregationTemporality.CUMULATIVE;
  const proxied = new Set(sessions.filter((s) => s.viaProxy).map((s) => s.sessionId));
  const reader = new ManualReader({ aggregationTemporalitySelector: () => temporality });
  const provider = new MeterProvider({
    resource: chatmeterResource(settings, chatmeterVersion),
    readers: [reader],
  });
  const instruments = createInstruments(provider.getMeter(SCOPE_NAME, chatmeterVersion), {
    endpointOf: (call) =>
      proxied.has(call.sessionId)
        ? { providerName: call.provider }
        : providerEndpoint(call.provider, baseUrlOf(call.provider)),
    includeSessionId: settings.includeSessionId,
  });
  const spanOf = (list: SessionCalls['calls']): [number, number] => [
    Math.min(...list.map((call) => call.endedAtMs - call.latencyMs)),
    Math.max(...list.map((call) => call.endedAtMs)),
  ];
  const merged = new Map<string, MetricData>();
  let resourceMetrics: ResourceMetrics | undefined;
  const collect = async (startMs: number, endMs: number) => {
    const { resourceMetrics: collected } = await reader.collect();
    resourceMetrics ??= collected;
    for (const scope of collected.scopeMetrics) {
      for (const metric of scope.metrics) {
        const point = restamped(metric, hrTime(startMs), hrTime(endMs));
        const seen = merged.get(metric.descriptor.name);
        merged.set(
          metric.descriptor.name,
          seen
            ? ({ ...seen, dataPoints: [...seen.dataPoints, ...point.dataPoints] } as MetricData)
            : point,
        );
      }
    }
  };
  if (temporality === AggregationTemporality.DELTA) {
    for (const session of sessions) {
      if (session.calls.length === 0) continue;
      if (session.wholeSession) instruments.countSession(session.sessionId);
      instruments.applyCalls(session.calls);
      await collect(...spanOf(session.calls));
    }
  } else {
    for (const session of sessions) {
      if (session.wholeSession && session.calls.length > 0)
        instruments.countSession(session.sessionId);
      instruments.applyCalls(session.calls);
    }
    await collect(...spanOf(calls));
  }
  await provider.shutdown();
  if (!resourceMetrics) return null;
  const scope = resourceMetrics.scopeMetrics[0]?.scope ?? {
    name: SCOPE_NAME,
    version: chatmeterVersion,
  };
  return {
    resource: resourceMetrics.resource,
    scopeMetrics: [{ scope, metrics: [...merged.values()] }],
  };
}

/** The payload in the OTLP/HTTP JSON encoding (what `--format otlp-json` writes). */
export function otlpJson(metrics: ResourceMetrics): string {
  const bytes = JsonMetricsSerializer.serializeRequest(metrics);
  if (!bytes) throw new Error('the OTLP JSON serializer returned nothing');
  return Buffer.from(bytes).toString('utf8');
}

/** Sends the payload once (retries within OTEL_EXPORTER_OTLP_TIMEOUT); null on success, else why. */
export async function sendBackfill(
  metrics: ResourceMetrics,
  settings: OtlpSettings,
): Promise<ExportFailure | null> {
  const exporter = createOtlpExporter(settings, settings.timeoutMs);
  try {
    return await exportOnce(exporter, metrics);
  } finally {
    await exporter.shutdown().catch(() => undefined);
  }
}
