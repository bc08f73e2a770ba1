import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';
import { afterAll, beforeAll } from 'vitest';

/**
 * The part of the OTLP metrics protocol (opentelemetry-proto, metrics/v1) a test decodes, written
 * from the published field numbers. Decoding the SDK's protobuf with it and comparing with the
 * JSON encoding of the same data checks both.
 */
const OTLP_METRICS_PROTO = `
syntax = "proto3";
package otlp;
message AnyValue {
  oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; }
}
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }
message InstrumentationScope { string name = 1; string version = 2; }
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  repeated fixed64 bucket_counts = 6;
  repeated double explicit_bounds = 7;
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message Metric {
  string name = 1; string description = 2; string unit = 3;
  oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }
}
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
`;

const requestType = protobuf
  .parse(OTLP_METRICS_PROTO)
  .root.lookupType('otlp.ExportMetricsServiceRequest');

/** Attribute values as a plain object. */
export type Attrs = Record<string, string | number | boolean>;

/** One data point of one metric, flattened out of an OTLP request. */
export interface OtlpPoint {
  readonly metric: string;
  readonly unit: string;
  readonly kind: 'sum' | 'gauge' | 'histogram';
  /** 1 delta, 2 cumulative (OTLP's AggregationTemporality); 0 for gauges. */
  readonly temporality: number;
  readonly monotonic: boolean;
  readonly attrs: Attrs;
  readonly startNs: bigint;
  readonly timeNs: bigint;
  /** Sums and gauges. */
  readonly value?: number;
  /** Whether a sum or gauge value came as an integer (`asInt`). */
  readonly isInt?: boolean;
  /** Histograms. */
  readonly count?: number;
  readonly sum?: number;
  readonly bucketCounts?: readonly number[];
  readonly bounds?: readonly number[];
}

/** One decoded export request. */
export interface OtlpRequest {
  readonly contentType: string;
  readonly resource: Attrs;
  readonly scopes: readonly string[];
  readonly points: readonly OtlpPoint[];
}

/** What the receiver does with a request: accept it, answer an error status, or never answer. */
export type ReceiverBehaviour = 'accept' | 'hang' | number;

type Json = Record<string, unknown>;

const num = (value: unknown): number => Number(value ?? 0);

function attrsOf(list: unknown): Attrs {
  const attrs: Attrs = {};
  for (const kv of (list as Json[] | undefined) ?? []) {
    const value = (kv.value ?? {}) as Json;
    const key = String(kv.key);
    if ('stringValue' in value) attrs[key] = String(value.stringValue);
    else if ('boolValue' in value) attrs[key] = Boolean(value.boolValue);
    else if ('intValue' in value) attrs[key] = num(value.intValue);
    else if ('doubleValue' in value) attrs[key] = num(value.doubleValue);
  }
  return attrs;
}

/** Flattens a request in the OTLP JSON mapping (protobuf is turned into the same shape). */
export function flattenRequest(body: Json, contentType: string): OtlpRequest {
  const points: OtlpPoint[] = [];
  const scopes: string[] = [];
  let resource: Attrs = {};
  for (const rm of (body.resourceMetrics as Json[] | undefined) ?? []) {
    resource = { ...resource, ...attrsOf((rm.resource as Json | undefined)?.attributes) };
    for (const sm of (rm.scopeMetrics as Json[] | undefined) ?? []) {
      scopes.push(String((sm.scope as Json | undefined)?.name ?? ''));
      for (const m of (sm.metrics as Json[] | undefined) ?? []) {
        const kind = m.sum ? 'sum' : m.gauge ? 'gauge' : 'histogram';
        const data = (m.sum ?? m.gauge ?? m.histogram) as Json;
        for (const dp of (data.dataPoints as Json[] | undefined) ?? []) {
          const common = {
            metric: String(m.name),
            unit: String(m.unit ?? ''),
            kind,
            temporality: num(data.aggregationTemporality),
            monotonic: Boolean(data.isMonotonic),
            attrs: attrsOf(dp.attributes),
            startNs: BigInt(String(dp.startTimeUnixNano ?? 0)),
            timeNs: BigInt(String(dp.timeUnixNano ?? 0)),
          } as const;
          if (kind === 'histogram') {
            points.push({
              ...common,
              count: num(dp.count),
              sum: num(dp.sum),
              bucketCounts: ((dp.bucketCounts as unknown[]) ?? []).map(num),
              bounds: ((dp.explicitBounds as unknown[]) ?? []).map(num),
            });
          } else {
            const isInt = dp.asInt !== undefined;
            points.push({ ...common, value: num(isInt ? dp.asInt : dp.asDouble), isInt });
          }
        }
      }
    }
  }
  return { contentType, resource, scopes, points };
}

/** Decodes one OTLP/HTTP metrics request body by its content type (protobuf or JSON). */
export function decodeRequest(body: Buffer, contentType: string): OtlpRequest {
  if (contentType.includes('json'))
    return flattenRequest(JSON.parse(body.toString('utf8')), contentType);
  const message = requestType.decode(body);
  const object = requestType.toObject(message, { longs: String, defaults: false, oneofs: false });
  return flattenRequest(object, contentType);
}

/** A local OTLP/HTTP receiver on 127.0.0.1 (random port). */
export interface OtlpReceiver {
  /** `http://127.0.0.1:PORT` (for OTEL_EXPORTER_OTLP_ENDPOINT). */
  readonly origin: string;
  /** Every request received, decoded, in order (also the ones answered with an error). */
  readonly requests: OtlpRequest[];
  /** Paths of the requests, in order. */
  readonly paths: string[];
  /** Headers of the requests, in order. */
  readonly headers: IncomingMessage['headers'][];
  behave(behaviour: ReceiverBehaviour): void;
  /** Every data point received so far. */
  points(): OtlpPoint[];
  close(): Promise<void>;
}

/** Starts a receiver; close it after the test. */
export async function startOtlpReceiver(
  behaviour: ReceiverBehaviour = 'accept',
): Promise<OtlpReceiver> {
  let current = behaviour;
  const requests: OtlpRequest[] = [];
  const paths: string[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      paths.push(req.url ?? '');
      headers.push(req.headers);
      requests.push(
        decodeRequest(Buffer.concat(chunks), String(req.headers['content-type'] ?? '')),
      );
      if (current === 'hang') return;
      const status = current === 'accept' ? 200 : current;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{}' : '{"code":3,"message":"rejected by the test receiver"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    paths,
    headers,
    behave(next) {
      current = next;
    },
    points: () => requests.flatMap((request) => request.points),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sums the values of the sum points of `metric` whose attributes include `match`. */
export function sumOf(points: readonly OtlpPoint[], metric: string, match: Attrs = {}): number {
  return points
    .filter((p) => p.metric === metric && Object.entries(match).every(([k, v]) => p.attrs[k] === v))
    .reduce((total, p) => total + (p.value ?? 0), 0);
}

/**
 * Registers the hooks of a test file that talks to one receiver: started (accepting) before the
 * file's tests, closed after them. Returns a getter, valid inside tests.
 */
export function useOtlpReceiver(): () => OtlpReceiver {
  let receiver: OtlpReceiver | undefined;
  beforeAll(async () => {
    receiver = await startOtlpReceiver('accept');
  });
  afterAll(() => receiver?.close());
  return () => {
    if (!receiver) throw new Error('the OTLP receiver starts in beforeAll; use it inside a test');
    return receiver;
  };
}
