/**
 * The OTLP/HTTP metrics exporter for the configured protocol, and a wrapper that remembers how
 * each export went: which calls it carried (so they are not sent again by `usage export --otlp`)
 * and the first failure, told once as a warning.
 */
import { ExportResultCode } from '@opentelemetry/core';
import {
  AggregationTemporalityPreference,
  OTLPMetricExporter as JsonExporter,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { errorMessage } from '../core/errors';
import { redactUrls } from '../core/redact';
import type { OtlpSettings } from './otlp-env';

/** Builds the exporter of `settings.protocol`; `timeoutMs` bounds one export, retries included. */
export function createOtlpExporter(settings: OtlpSettings, timeoutMs: number): PushMetricExporter {
  const config = {
    url: settings.url,
    headers: { ...settings.headers },
    timeoutMillis: timeoutMs,
    temporalityPreference:
      settings.temporality === 'delta'
        ? AggregationTemporalityPreference.DELTA
        : AggregationTemporalityPreference.CUMULATIVE,
  };
  return settings.protocol === 'http/json'
    ? new JsonExporter(config)
    : new ProtobufExporter(config);
}

/** Why an export failed, in a few words: `HTTP 503`, `connection refused`, `timed out`... */
export function describeExportError(error: unknown): string {
  if (error === undefined || error === null) return 'the export failed';
  const status = (error as { code?: unknown }).code;
  const text = redactUrls(errorMessage(error));
  if (typeof status === 'number') return `HTTP ${status}${text ? ` ${text}` : ''}`.trim();
  if (status === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) return 'connection refused';
  // The exporter drops the status of the ones it retries: 429, 502, 503 and 504.
  if (/retryable status/i.test(text))
    return 'busy or unavailable (HTTP 429/502/503/504), also on retry';
  if (/timeout|timed out|abort/i.test(text)) return 'no answer in time';
  return text;
}

/** Why an export failed, and whether the collector answered and refused the data. */
export interface ExportFailure {
  /** In a few words, as {@link describeExportError} says it. */
  readonly reason: string;
  /**
   * True when the collector answered a status it does not retry (400, 401, 403, 404, 413...): the
   * data or the request is wrong, so sending it again as is will not help.
   */
  readonly refused: boolean;
}

function failureOf(error: unknown): ExportFailure {
  const status = (error as { code?: unknown } | undefined)?.code;
  return {
    reason: describeExportError(error),
    refused: typeof status === 'number' && status >= 400 && status < 500,
  };
}

/** Sends `metrics` once through `exporter`; resolves to null on success, else why not. */
export function exportOnce(
  exporter: PushMetricExporter,
  metrics: ResourceMetrics,
): Promise<ExportFailure | null> {
  return new Promise((resolve) => {
    try {
      exporter.export(metrics, (result) =>
        resolve(result.code === ExportResultCode.SUCCESS ? null : failureOf(result.error)),
      );
    } catch (error) {
      resolve(failureOf(error));
    }
  });
}
