/**
 * chatmeter's metrics on an OpenTelemetry meter, and how recorded calls land in them.
 * Calls are applied in batches (see `CallQueue`): each batch adds every call's tokens, durations
 * and counts, and the exact pico-USD cost summed per attribute set, converted to USD once.
 */
import { type Meter, ValueType } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import {
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_SESSION_ID,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '@opentelemetry/semantic-conventions/incubating';
import type { BudgetState } from '../core/budget/state';
import type { CallRecord } from '../core/usage/types';
import {
  commonAttributes,
  costSourceOf,
  type MetricAttributes,
  outcomeAttributes,
  picoToUsdNumber,
  type ProviderEndpoint,
} from './attributes';

/** The semconv bucket boundaries of `gen_ai.client.token.usage`, tokens. */
export const TOKEN_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
/** The semconv bucket boundaries of `gen_ai.client.operation.duration`, seconds. */
export const DURATION_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

/** What the instruments need to know beyond the call itself. */
export interface InstrumentContext {
  /** Where `call` went (`gen_ai.provider.name`, `server.address`/`server.port`). */
  readonly endpointOf: (call: CallRecord) => ProviderEndpoint;
  /** Whether data points carry `session.id`. */
  readonly includeSessionId: boolean;
}

/** The instruments and the ways chatmeter feeds them. */
export interface ChatmeterInstruments {
  /** Applies a batch of ended calls (mock calls are never given). */
  applyCalls(calls: readonly CallRecord[]): void;
  /** Counts one session (a chat process) in `chatmeter.session.count`. */
  countSession(sessionId: string): void;
  /** Records the budget's state: utilisation and level of every limited scope. */
  recordBudget(sessionId: string, state: BudgetState): void;
}

/** chatmeter's disjoint token buckets as `type` values of `chatmeter.token.usage`. */
function tokenTypes(call: CallRecord): [string, number][] {
  const u = call.usage;
  return [
    ['input', u.inputTokens],
    ['cache_read', u.cacheReadTokens],
    ['cache_creation', u.cacheWrite5mTokens + u.cacheWrite1hTokens],
    ['output', u.outputTokens],
    ['reasoning', u.reasoningTokens],
  ];
}

/** Creates the instruments on `meter`. */
export function createInstruments(meter: Meter, context: InstrumentContext): ChatmeterInstruments {
  const genAiTokens = meter.createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, {
    description: 'Number of input and output tokens used.',
    unit: '{token}',
    valueType: ValueType.INT,
    advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
  });
  const duration = meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, {
    description: 'GenAI operation duration.',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const firstChunk = meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK, {
    description: 'Time to receive the first chunk of a streamed reply.',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  const countOf = (name: string, unit: string, description: string) =>
    meter.createCounter(name, { description, unit, valueType: ValueType.INT });
  const tokens = countOf(
    'chatmeter.token.usage',
    '{token}',
    'Tokens by chatmeter bucket: input, cache_read, cache_creation, output (reasoning is part of output).',
  );
  const cost = meter.createCounter('chatmeter.cost.usage', {
    description: 'Cost of the calls in USD (exact pico-USD sums, converted once).',
    unit: 'USD',
  });
  const calls = countOf(
    'chatmeter.call.count',
    '{call}',
    'Calls by outcome (ok, failed, aborted).',
  );
  const sessions = countOf('chatmeter.session.count', '{session}', 'Chat sessions started.');
  const budgetUse = meter.createGauge('chatmeter.budget.utilization', {
    description: 'Spent fraction of a budget limit (1 = used up), with its level.',
    unit: '1',
  });

  const applyCall = (
    call: CallRecord,
    costs: Map<string, { attrs: MetricAttributes; pico: bigint }>,
  ) => {
    const common = commonAttributes(call, context.endpointOf(call), context.includeSessionId);
    const own: MetricAttributes = {
      [ATTR_GEN_AI_PROVIDER_NAME]: common[ATTR_GEN_AI_PROVIDER_NAME]!,
      [ATTR_GEN_AI_REQUEST_MODEL]: call.model,
      ...outcomeAttributes(call),
      ...(context.includeSessionId ? { [ATTR_SESSION_ID]: call.sessionId } : {}),
    };
    const u = call.usage;
    const inputTokens =
      u.inputTokens + u.cacheReadTokens + u.cacheWrite5mTokens + u.cacheWrite1hTokens;
    if (call.outcome !== 'failed') {
      genAiTokens.record(inputTokens, {
        ...common,
        [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_INPUT,
      });
      genAiTokens.record(u.outputTokens, {
        ...common,
        [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
      });
    }
    const failure =
      call.outcome === 'ok' ? {} : { [ATTR_ERROR_TYPE]: call.errorKind ?? call.outcome };
    duration.record(call.latencyMs / 1000, { ...common, ...failure });
    if (call.timeToFirstChunkMs !== undefined) {
      firstChunk.record(call.timeToFirstChunkMs / 1000, { ...common, ...failure });
    }
    for (const [type, count] of tokenTypes(call)) {
      if (count > 0) tokens.add(count, { ...own, type });
    }
    calls.add(1, own);
    if (call.costPicoUsd === null) return;
    const attrs = { ...own, 'chatmeter.cost.source': costSourceOf(call) };
    const key = JSON.stringify(attrs);
    const sum = costs.get(key);
    if (sum) sum.pico += call.costPicoUsd;
    else costs.set(key, { attrs, pico: call.costPicoUsd });
  };

  return {
    applyCalls(batch) {
      const costs = new Map<string, { attrs: MetricAttributes; pico: bigint }>();
      for (const call of batch) applyCall(call, costs);
      for (const { attrs, pico } of costs.values()) cost.add(picoToUsdNumber(pico), attrs);
    },
    countSession(sessionId) {
      sessions.add(1, context.includeSessionId ? { [ATTR_SESSION_ID]: sessionId } : {});
    },
    recordBudget(sessionId, state) {
      for (const scope of state.scopes) {
        const fraction = Number(scope.spentPicoUsd) / Number(scope.limitPicoUsd);
        budgetUse.record(scope.limitPicoUsd === 0n ? 1 : fraction, {
          'chatmeter.budget.scope': scope.scope,
          'chatmeter.budget.level': scope.level,
          ...(context.includeSessionId ? { [ATTR_SESSION_ID]: sessionId } : {}),
        });
      }
    },
  };
}
