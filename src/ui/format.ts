import { formatUsd } from '../core/pricing/money';
import type { CallRecord, Usage } from '../core/usage/types';
import { formatTokens } from '../reports/format';

/** Latency for the screen: `850ms`, `1.2s`, `1m 05s`. */
export function formatLatency(latencyMs: number): string {
  if (latencyMs < 1000) return `${Math.round(latencyMs)}ms`;
  if (latencyMs < 60_000) return `${(latencyMs / 1000).toFixed(1)}s`;
  const seconds = Math.round(latencyMs / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** Every prompt token of a call: uncached input, cache read and cache writes. */
export function promptTokens(usage: Usage): number {
  return (
    usage.inputTokens + usage.cacheReadTokens + usage.cacheWrite5mTokens + usage.cacheWrite1hTokens
  );
}

/**
 * Cost text of a call: `$0.0012`; `unpriced` for null; in mock mode the simulated cost when the
 * mock simulates a priced model (`sim $0.0012`), `$0 (mock, unpriced)` when it simulates a model
 * without a price, else `$0 (mock)`. `~` marks estimated figures.
 */
export function formatCallCost(
  costPicoUsd: bigint | null,
  options: {
    mock: boolean;
    simulatedPicoUsd?: bigint | null;
    estimated?: boolean;
    simulatesModel?: boolean;
  },
): string {
  const mark = options.estimated ? '~' : '';
  if (options.mock) {
    const simulated = options.simulatedPicoUsd;
    if (simulated != null) return `sim ${mark}${formatUsd(simulated)}`;
    return options.simulatesModel ? '$0 (mock, unpriced)' : '$0 (mock)';
  }
  return costPicoUsd === null ? 'unpriced' : `${mark}${formatUsd(costPicoUsd)}`;
}

/**
 * The dim line after a reply: model, input (cached, cache write), output (reasoning), cost,
 * latency, and how the call ended when it did not end normally. `~` marks estimated figures.
 */
export function formatUsageLine(call: CallRecord, mock: boolean): string {
  const mark = call.estimated ? '~' : '';
  const { usage } = call;
  const input = `in ${mark}${formatTokens(promptTokens(usage))}`;
  const written = usage.cacheWrite5mTokens + usage.cacheWrite1hTokens;
  const notes = [
    ...(usage.cacheReadTokens > 0 ? [`${formatTokens(usage.cacheReadTokens)} cached`] : []),
    ...(written > 0 ? [`${formatTokens(written)} cache write`] : []),
  ];
  const cached = notes.length > 0 ? ` (${notes.join(', ')})` : '';
  const output = `out ${mark}${formatTokens(usage.outputTokens)}`;
  const reasoning =
    usage.reasoningTokens > 0 ? ` (${formatTokens(usage.reasoningTokens)} reasoning)` : '';
  const cost = formatCallCost(call.costPicoUsd, {
    mock,
    simulatedPicoUsd: call.simulatedCostPicoUsd,
    estimated: call.estimated,
    simulatesModel: call.model !== 'mock',
  });
  const parts = [
    call.model,
    input + cached,
    output + reasoning,
    cost,
    formatLatency(call.latencyMs),
  ];
  if (call.outcome === 'aborted') {
    parts.push(call.errorKind === 'cancelled' ? 'cancelled' : 'cut short');
  }
  if (call.outcome === 'failed') parts.push('failed');
  return parts.join(' · ');
}
