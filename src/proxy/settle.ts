import { randomUUID } from 'node:crypto';
import { costOfCall, needsEstimate, settleCall } from '../core/chat/call-outcome';
import { MESSAGE_OVERHEAD_TOKENS, type TokenEstimator } from '../core/tokens/estimate';
import type { PriceTable } from '../core/pricing/types';
import { ProviderError, type ProviderErrorKind } from '../core/providers/errors';
import { kindOfErrorType, kindOfStatus } from '../core/providers/map-error';
import type { CallRecord } from '../core/usage/types';
import type { ResponseReading } from './reading';
import type { RelayOutcome } from './relay';

/** Everything known about one metered call once it has ended. */
export interface EndedCall {
  readonly sessionId: string;
  readonly provider: 'openai' | 'anthropic';
  /** The model the request named, else null (the response's is used). */
  readonly requestedModel: string | null;
  readonly tool: string;
  readonly outcome: RelayOutcome;
  /** What was read from the response; null when none came. */
  readonly reading: ResponseReading | null;
  /** The prompt's text, for an estimate when the provider sent no usage (read only then). */
  readonly promptText: () => string;
  readonly startMs: number;
  readonly endMs: number;
}

/** The kind of error a call ended with, or null for a call that ended well. */
export function errorKindOf(call: EndedCall): ProviderErrorKind | null {
  const { outcome, reading } = call;
  switch (outcome.kind) {
    case 'client-gone':
      return 'cancelled';
    case 'upstream-failed':
      return outcome.timedOut ? 'timeout' : 'network';
    case 'ended':
      if (outcome.status >= 400) return kindOfStatus(outcome.status, reading?.errorType ?? null);
      if (reading?.errorType) return kindOfErrorType(reading.errorType);
      // A stream that ended without its last event was cut short upstream.
      return reading?.complete === false ? 'network' : null;
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown relay outcome ${String(unknown)}`);
    }
  }
}

/**
 * Turns an ended call into its ledger record, as the chat settles its own calls (DESIGN §4):
 * the provider's usage when it sent some; an estimate (`~`) when it sent none or it could not be
 * read, and for the rest of a call cut short; no tokens for a call that failed before any output.
 */
export async function settleProxyCall(
  call: EndedCall,
  priceTable: PriceTable,
  estimator: () => Promise<TokenEstimator>,
): Promise<CallRecord> {
  const kind = errorKindOf(call);
  const status = 'status' in call.outcome ? call.outcome.status : null;
  const error = kind === null ? null : new ProviderError(kind, `${kind}`, { status });
  const result = {
    started: call.reading !== null,
    reply: call.reading?.reply ?? '',
    reportedUsage: call.reading?.usage ?? null,
    billing: call.reading?.billing ?? null,
    error,
  };
  const loaded = needsEstimate(result) ? await estimator() : undefined;
  const settled = settleCall(result, () => {
    const prompt = loaded ? call.promptText() : '';
    return {
      promptTokens: prompt ? (loaded?.countTokens(prompt) ?? 0) + MESSAGE_OVERHEAD_TOKENS : 0,
      replyTokens: loaded?.countTokens(result.reply) ?? 0,
    };
  });
  const model = call.requestedModel ?? call.reading?.model ?? 'unknown';
  return {
    callId: randomUUID(),
    sessionId: call.sessionId,
    provider: call.provider,
    model,
    outcome: settled.outcome,
    usage: settled.usage,
    estimated: settled.estimated,
    ...costOfCall(priceTable, model, settled.usage, 'real', {
      billing: result.billing,
      atMs: call.startMs,
    }),
    latencyMs: Math.max(0, call.endMs - call.startMs),
    errorKind: error?.kind ?? null,
    endedAtMs: call.endMs,
    tool: call.tool,
  };
}
