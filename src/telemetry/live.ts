/**
 * Live telemetry of one chat process: a call sink that queues every recorded call,
 * a periodic OTLP export, and a final flush bounded in time. Loaded only when telemetry is on.
 */
import {
  type MetricCollectOptions,
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { HrTime } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';
import type { BudgetUpdate } from '../core/budget/monitor';
import type { CallSink } from '../core/usage/types';
import type { CallRecord } from '../core/usage/types';
import type { ProviderEndpoint } from './attributes';
import { createOtlpExporter, exportOnce } from './exporter';
import { type ChatmeterInstruments, createInstruments } from './instruments';
import { startingAt } from './intervals';
import type { OtlpSettings } from './otlp-env';
import { chatmeterResource } from './resource';

/** The most the final flush may take, milliseconds, however the collector behaves. */
export const FLUSH_BOUND_MS = 2000;
/** One export's own time limit during a session: inside the flush bound, leaving it margin. */
const EXPORT_TIMEOUT_MS = 1800;
/** The instrumentation scope of chatmeter's metrics. */
export const SCOPE_NAME = 'chatmeter';

/** What live telemetry needs; built by the CLI's services. */
export interface LiveTelemetryOptions {
  readonly settings: OtlpSettings;
  readonly chatmeterVersion: string;
  readonly sessionId: string;
  readonly endpointOf: (provider: string) => ProviderEndpoint;
  /** Whether calls are kept in the usage ledger (the warning then says how to send them later). */
  readonly ledgerBacked: boolean;
  /** Overrides the OTLP exporter (tests of the flush bound pass one that never answers). */
  readonly exporter?: PushMetricExporter;
}

/** How the final flush went. */
export interface TelemetryClose {
  /** One line for `chatmeter: warning:` when some calls could not be sent, else null. */
  readonly warning: string | null;
  /** Calls a successful export carried (remembered in the ledger, never sent twice). */
  readonly exportedCallIds: readonly string[];
}

/** A running live telemetry; see {@link startLiveTelemetry}. */
export interface LiveTelemetry {
  /** Receives every recorded call after the ledger; mock calls are left out. */
  readonly sink: CallSink;
  /** Records the budget's state on each update (`BudgetMonitor.subscribe`). */
  readonly onBudget: (update: BudgetUpdate) => void;
  /** Exports what is left and stops, within {@link FLUSH_BOUND_MS}; never throws. */
  close(boundMs?: number): Promise<TelemetryClose>;
}

/**
 * A periodic reader whose collections first apply the calls queued since the last one, so
 * every export carries a known set of whole calls.
 */
class QueueReader extends PeriodicExportingMetricReader {
  readonly #drain: () => void;

  constructor(
    options: ConstructorParameters<typeof PeriodicExportingMetricReader>[0],
    drain: () => void,
  ) {
    super(options);
    this.#drain = drain;
  }

  override collect(options?: MetricCollectOptions) {
    this.#drain();
    return super.collect(options);
  }
}

/** Starts the meter, the instruments and the periodic export; counts the session. */
export function startLiveTelemetry(options: LiveTelemetryOptions): LiveTelemetry {
  const { settings } = options;
  const otlp =
    options.exporter ??
    createOtlpExporter(settings, Math.min(settings.timeoutMs, EXPORT_TIMEOUT_MS));
  let queue: CallRecord[] = [];
  let collected: string[] = [];
  const drained: string[] = [];
  const exported = new Set<string>();
  /** The first failure, and whether the latest export failed too. */
  let failure: string | null = null;
  let lastFailed = false;
  /** Where the next delta export's interval starts: the session's start, then the last export's end. */
  let intervalStart: HrTime = hrTime();

  const exporter: PushMetricExporter = {
    export(collectedMetrics: ResourceMetrics, done) {
      const carried = collected;
      collected = [];
      let metrics = collectedMetrics;
      if (settings.temporality === 'delta') {
        const interval = startingAt(collectedMetrics, intervalStart);
        metrics = interval.metrics;
        intervalStart = interval.endTime;
      }
      void exportOnce(otlp, metrics).then((result) => {
        const reason = result?.reason ?? null;
        if (reason === null) {
          // A cumulative export carries every call so far; a delta one only its own.
          for (const id of settings.temporality === 'cumulative' ? drained : carried)
            exported.add(id);
        } else {
          failure ??= reason;
        }
        lastFailed = reason !== null;
        done({ code: reason === null ? 0 : 1 });
      });
    },
    forceFlush: () => otlp.forceFlush(),
    shutdown: () => otlp.shutdown(),
    selectAggregationTemporality: otlp.selectAggregationTemporality?.bind(otlp),
    selectAggregation: otlp.selectAggregation?.bind(otlp),
  };
  const reader = new QueueReader(
    {
      exporter,
      exportIntervalMillis: settings.intervalMs,
      exportTimeoutMillis: Math.min(settings.intervalMs, EXPORT_TIMEOUT_MS),
    },
    () => {
      const batch = queue;
      queue = [];
      instruments.applyCalls(batch);
      for (const call of batch) {
        collected.push(call.callId);
        drained.push(call.callId);
      }
    },
  );
  const provider = new MeterProvider({
    resource: chatmeterResource(settings, options.chatmeterVersion),
    readers: [reader],
  });
  const instruments: ChatmeterInstruments = createInstruments(
    provider.getMeter(SCOPE_NAME, options.chatmeterVersion),
    {
      endpointOf: (call) => options.endpointOf(call.provider),
      includeSessionId: settings.includeSessionId,
    },
  );
  instruments.countSession(options.sessionId);

  function unsentWarning(failure: string, unsent: number): string {
    const problem = `telemetry: could not export to ${settings.displayUrl} (${failure})`;
    if (unsent <= 0) return `${problem}.`;
    const calls = unsent === 1 ? '1 call was' : `${unsent} calls were`;
    const later = options.ledgerBacked
      ? ` (the usage ledger keeps ${unsent === 1 ? 'it' : 'them'}: \`chatmeter usage export --otlp\` sends them later)`
      : '';
    return `${problem}; ${calls} not sent${later}.`;
  }

  let closing: Promise<TelemetryClose> | undefined;
  return {
    sink: {
      name: 'telemetry',
      record(call) {
        if (call.provider !== 'mock') queue.push(call);
      },
    },
    onBudget(update) {
      instruments.recordBudget(options.sessionId, update.state);
    },
    close(boundMs = FLUSH_BOUND_MS) {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<'expired'>((resolve) => {
          timer = setTimeout(() => resolve('expired'), boundMs);
        });
        const shut = provider.shutdown().then(
          () => 'done' as const,
          () => 'done' as const,
        );
        const how = await Promise.race([shut, expired]);
        clearTimeout(timer);
        if (how === 'expired') {
          failure ??= `no answer within ${boundMs / 1000} s`;
          lastFailed = true;
        }
        const sent = [...exported];
        const unsent = drained.length + queue.length - sent.length;
        // A failure that a later export made good (cumulative data sent again) is not told.
        const warning =
          failure !== null && (unsent > 0 || lastFailed) ? unsentWarning(failure, unsent) : null;
        return { warning, exportedCallIds: sent };
      })();
      return closing;
    },
  };
}
