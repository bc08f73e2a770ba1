/**
 * The standard OpenTelemetry environment variables chatmeter honours for its OTLP metrics
 * export, read from the injected environment (never `process.env` directly), with the problems
 * found in them as one-line messages. No OpenTelemetry import: plain data.
 */

import { isHttpUrl } from '../core/http-url';
import { redactUrl } from '../core/redact';

/** The OTLP wire encodings chatmeter sends (OTLP over HTTP). */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** Delta (the default: what backends expect of short-lived processes) or cumulative sums. */
export type OtlpTemporality = 'delta' | 'cumulative';

/** Where and how metrics are exported, resolved from the environment. */
export interface OtlpSettings {
  /** Full URL of the metrics endpoint, e.g. `http://localhost:4318/v1/metrics`. */
  readonly url: string;
  /** `url` as messages print it: user name, password and query hidden (`http://***@host/v1/metrics?***`). */
  readonly displayUrl: string;
  readonly protocol: OtlpProtocol;
  /** Extra request headers (`OTEL_EXPORTER_OTLP_HEADERS`, e.g. an API key for a vendor). */
  readonly headers: Readonly<Record<string, string>>;
  /** Longest wait for one export (retries included), milliseconds. */
  readonly timeoutMs: number;
  /** Time between two periodic exports during a session, milliseconds. */
  readonly intervalMs: number;
  readonly temporality: OtlpTemporality;
  /** Whether data points carry `session.id` (`OTEL_METRICS_INCLUDE_SESSION_ID=false` drops it). */
  readonly includeSessionId: boolean;
  /** `service.name`: `OTEL_SERVICE_NAME`, else `chatmeter`. */
  readonly serviceName: string;
  /** `OTEL_RESOURCE_ATTRIBUTES` as key/value pairs (team, department...). */
  readonly resourceAttributes: Readonly<Record<string, string>>;
  /** One line per variable that was set to something unusable (its default is used). */
  readonly problems: readonly string[];
}

/** The OTLP/HTTP default endpoint (a Collector on this machine). */
export const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_INTERVAL_MS = 60_000;

/** Splits a W3C-baggage-like list `k1=v1,k2=v2` (values percent-decoded); bad pairs are skipped. */
export function parseKeyValueList(text: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of (text ?? '').split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) continue;
    const key = item.slice(0, at).trim();
    let value = item.slice(at + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not percent-encoded after all (a lone `%`): the text is used as written.
    }
    if (key) pairs[key] = value;
  }
  return pairs;
}

/** The first non-blank variable of `names`, with its name. */
function first(env: NodeJS.ProcessEnv, names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return [name, value];
  }
  return undefined;
}

/**
 * The metrics URL: OTEL_EXPORTER_OTLP_METRICS_ENDPOINT as written, else the
 * OTEL_EXPORTER_OTLP_ENDPOINT base with `/v1/metrics` appended to its path (a query stays after
 * it, as the OTLP exporter spec asks), else the local default.
 */
function metricsUrl(env: NodeJS.ProcessEnv, problems: string[]): string {
  const fallback = `${DEFAULT_OTLP_ENDPOINT}/v1/metrics`;
  const specific = env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT?.trim();
  const general = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const [name, text] = specific
    ? ['OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', specific]
    : general
      ? ['OTEL_EXPORTER_OTLP_ENDPOINT', general]
      : ['', ''];
  if (!text) return fallback;
  if (!isHttpUrl(text)) {
    problems.push(
      `${name} must be an http(s) URL such as ${DEFAULT_OTLP_ENDPOINT} (it is "${redactUrl(text)}"); using ${DEFAULT_OTLP_ENDPOINT}.`,
    );
    return fallback;
  }
  if (specific) return specific;
  const url = new URL(text);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/metrics`;
  return url.href;
}

function milliseconds(
  env: NodeJS.ProcessEnv,
  names: readonly string[],
  fallback: number,
  problems: string[],
): number {
  const found = first(env, names);
  if (!found) return fallback;
  const ms = Number(found[1]);
  if (Number.isInteger(ms) && ms > 0) return ms;
  problems.push(
    `${found[0]} must be a whole number of milliseconds above 0 (it is "${found[1]}"); using ${fallback}.`,
  );
  return fallback;
}

function protocolOf(env: NodeJS.ProcessEnv, problems: string[]): OtlpProtocol {
  const found = first(env, ['OTEL_EXPORTER_OTLP_METRICS_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']);
  if (!found) return 'http/protobuf';
  const value = found[1].toLowerCase();
  if (value === 'http/protobuf' || value === 'http/json') return value;
  problems.push(
    `${found[0]}=${found[1]} is not supported: chatmeter sends OTLP over HTTP (http/protobuf or http/json); using http/protobuf.`,
  );
  return 'http/protobuf';
}

function temporalityOf(env: NodeJS.ProcessEnv, problems: string[]): OtlpTemporality {
  const name = 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE';
  const value = env[name]?.trim().toLowerCase();
  if (!value || value === 'delta' || value === 'lowmemory') return 'delta';
  if (value === 'cumulative') return 'cumulative';
  problems.push(`${name} must be delta or cumulative (it is "${env[name]}"); using delta.`);
  return 'delta';
}

/** Reads the OTLP settings from `env` (see the README's telemetry section for each variable). */
export function otlpSettingsFromEnv(env: NodeJS.ProcessEnv): OtlpSettings {
  const problems: string[] = [];
  const url = metricsUrl(env, problems);
  return {
    url,
    displayUrl: redactUrl(url),
    protocol: protocolOf(env, problems),
    headers: {
      ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_HEADERS),
      ...parseKeyValueList(env.OTEL_EXPORTER_OTLP_METRICS_HEADERS),
    },
    timeoutMs: milliseconds(
      env,
      ['OTEL_EXPORTER_OTLP_METRICS_TIMEOUT', 'OTEL_EXPORTER_OTLP_TIMEOUT'],
      DEFAULT_TIMEOUT_MS,
      problems,
    ),
    intervalMs: milliseconds(env, ['OTEL_METRIC_EXPORT_INTERVAL'], DEFAULT_INTERVAL_MS, problems),
    temporality: temporalityOf(env, problems),
    includeSessionId: env.OTEL_METRICS_INCLUDE_SESSION_ID?.trim().toLowerCase() !== 'false',
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'chatmeter',
    resourceAttributes: parseKeyValueList(env.OTEL_RESOURCE_ATTRIBUTES),
    problems,
  };
}
