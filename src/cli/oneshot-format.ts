import { cacheWriteTokensOf, promptTokensOf } from '../core/pricing/cost';
import type { ProviderError } from '../core/providers/errors';
import { cutKindOf, cutMark, type CutKind } from '../core/usage/stop-reason';
import {
  type CallRecord,
  type CostSource,
  type SessionMode,
  type Usage,
  PLAIN_MOCK_MODEL,
  ZERO_USAGE,
} from '../core/usage/types';
import { providerCostMark } from '../reports/prices/provider-cost';
import {
  exactUsdOrNull,
  formatCost,
  formatCount,
  formatLatency,
  markEstimated,
} from '../reports/text/format';

/** A file attached to a one-shot message, as `--json` names it. */
export interface AttachedJson {
  /** The path as given to `-f`, or `stdin` for input piped beside `-p`. */
  readonly name: string;
  readonly bytes: number;
  /** Tokens it added to the prompt, counted with o200k before sending. */
  readonly tokens: number;
}

/** One-shot `--json` output (DESIGN §4). Money as exact decimal strings. */
export interface OneShotJson {
  readonly sessionId: string;
  readonly provider: string;
  readonly model: string;
  readonly reply: string;
  /** How the call ended; `blocked` when a budget in block mode refused it (nothing was sent). */
  readonly outcome: CallRecord['outcome'] | 'blocked';
  readonly usage: Usage;
  readonly estimated: boolean;
  /** Real cost (the provider's charge when it sent one); `"0"` in mock mode; null when unpriced. */
  readonly costUsd: string | null;
  /** Which figure `costUsd` is: our list price, or the charge the provider reported. */
  readonly costSource: CostSource;
  /** Our list-price figure (null when the model has no price). */
  readonly listCostUsd: string | null;
  /** The provider's reported charge, or null. */
  readonly providerCostUsd: string | null;
  /** The service tier the call ran on (as reported, else as requested), or null. */
  readonly serviceTier: string | null;
  /** Mock mode only: what the simulated model would have cost (null when it has no price). */
  readonly simulatedCostUsd?: string | null;
  readonly latencyMs: number;
  /** Why the provider says the reply stopped (`end_turn`, `length`, `max_tokens`...), or null. */
  readonly stopReason: string | null;
  /** How the reply was cut short (`max_tokens`, `content_filter`, `refusal`...), or null. */
  readonly cut: CutKind | null;
  /**
   * The saved conversation the turn is in (`--resume` takes it); null when nothing was saved
   * (`--no-save`, a store that cannot be written). Set by the one-shot run.
   */
  readonly conversationId?: string | null;
  /** The files attached to the message (`-f`, piped stdin beside `-p`); set by the one-shot run. */
  readonly attached?: readonly AttachedJson[];
  /** Failed, aborted and blocked calls (`kind: "budget"` when blocked). */
  readonly error?: {
    readonly kind: string;
    readonly message: string;
    readonly status: number | null;
  };
}

/** Builds the `--json` object of one ended call. */
export function oneShotJson(
  call: CallRecord,
  reply: string,
  error: ProviderError | null,
  mode: SessionMode,
): OneShotJson {
  return {
    sessionId: call.sessionId,
    provider: call.provider,
    model: call.model,
    reply,
    outcome: call.outcome,
    usage: { ...call.usage },
    estimated: call.estimated,
    costUsd: exactUsdOrNull(call.costPicoUsd),
    costSource: call.costSource ?? 'list',
    listCostUsd: exactUsdOrNull(
      call.costSource === 'provider' ? (call.listCostPicoUsd ?? null) : call.costPicoUsd,
    ),
    providerCostUsd: exactUsdOrNull(call.providerCostPicoUsd ?? null),
    serviceTier: call.serviceTier ?? null,
    ...(mode === 'mock' ? { simulatedCostUsd: exactUsdOrNull(call.simulatedCostPicoUsd) } : {}),
    latencyMs: Math.round(call.latencyMs),
    stopReason: call.stopReason ?? null,
    cut: cutKindOf(call.stopReason),
    ...(error ? { error: { kind: error.kind, message: error.message, status: error.status } } : {}),
  };
}

/**
 * The `--json` object of a call a budget refused before sending it: outcome `blocked`, no usage,
 * cost `"0"`, an empty reply and an error of kind `budget` carrying the one-line refusal.
 */
export function oneShotBlockedJson(
  call: Pick<CallRecord, 'sessionId' | 'provider' | 'model'>,
  message: string,
  mode: SessionMode,
): OneShotJson {
  return {
    sessionId: call.sessionId,
    provider: call.provider,
    model: call.model,
    reply: '',
    outcome: 'blocked',
    usage: { ...ZERO_USAGE },
    estimated: false,
    costUsd: '0',
    costSource: 'list',
    listCostUsd: '0',
    providerCostUsd: null,
    serviceTier: null,
    ...(mode === 'mock' ? { simulatedCostUsd: '0' } : {}),
    latencyMs: 0,
    stopReason: null,
    cut: null,
    error: { kind: 'budget', message, status: null },
  };
}

/**
 * The one-line usage summary printed on stderr after a one-shot reply, e.g.
 * `gpt-4o · in 1,220 (1,152 cached) · out 100 (0 reasoning) · $0.0019 · 1.2s`; `~` marks
 * estimated figures, mock mode says so and shows a simulated cost as not charged.
 */
export function oneShotUsageLine(call: CallRecord, mode: SessionMode): string {
  const u = call.usage;
  const est = call.estimated;
  const cached = u.cacheReadTokens;
  const written = cacheWriteTokensOf(u);
  const input = promptTokensOf(u);
  const inputNotes = [
    ...(cached > 0 ? [`${formatCount(cached)} cached`] : []),
    ...(written > 0 ? [`${formatCount(written)} cache write`] : []),
  ];
  const parts = [
    mode === 'mock' && call.model !== PLAIN_MOCK_MODEL ? `${call.model} (mock)` : call.model,
    `in ${markEstimated(formatCount(input), est)}${inputNotes.length ? ` (${inputNotes.join(', ')})` : ''}`,
    `out ${markEstimated(formatCount(u.outputTokens), est)}${u.reasoningTokens > 0 ? ` (${formatCount(u.reasoningTokens)} reasoning)` : ''}`,
  ];
  if (mode === 'mock') {
    parts.push(
      call.simulatedCostPicoUsd === null
        ? `$0 (mock mode${call.model === PLAIN_MOCK_MODEL ? '' : ', unpriced'})`
        : `simulated ${formatCost(call.simulatedCostPicoUsd, { estimated: est })}, not charged`,
    );
  } else {
    parts.push(`${formatCost(call.costPicoUsd, { estimated: est })}${providerCostMark(call)}`);
  }
  parts.push(formatLatency(call.latencyMs));
  const cut = cutMark(call.stopReason);
  if (cut !== null) parts.push(cut);
  const prefix = call.outcome === 'ok' ? '' : `${call.outcome}: `;
  return `${prefix}${parts.join(' · ')}`;
}
