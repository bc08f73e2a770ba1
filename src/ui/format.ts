import { cacheWriteTokensOf, promptTokensOf } from '../core/pricing/cost';
import { type CallRecord, PLAIN_MOCK_MODEL } from '../core/usage/types';
import { providerCostMark } from '../reports/prices/provider-cost';
import { formatCost, formatLatency, formatTokens, markEstimated } from '../reports/text/format';
import { sanitizeTerminalLine } from '../core/terminal-text';
import { cutMark } from '../core/usage/stop-reason';

/**
 * Cost text of a call: `$0.0012`; `unpriced` for null; in mock mode the simulated cost when the
 * mock simulates a priced model (`sim $0.0012`), `$0 (mock, unpriced)` when it simulates a model
 * without a price, else `$0 (mock)`. `~` marks estimated figures.
 */
function formatCallCost(
  costPicoUsd: bigint | null,
  options: {
    mock: boolean;
    simulatedPicoUsd?: bigint | null;
    estimated?: boolean;
    simulatesModel?: boolean;
  },
): string {
  const display = { estimated: options.estimated };
  if (options.mock) {
    const simulated = options.simulatedPicoUsd;
    if (simulated != null) return `sim ${formatCost(simulated, display)}`;
    return options.simulatesModel ? '$0 (mock, unpriced)' : '$0 (mock)';
  }
  return formatCost(costPicoUsd, display);
}

/**
 * The dim line after a reply: model, input (cached, cache write), output (reasoning), cost
 * (marked when it is the provider's own figure), latency, and how the call ended when it did not end normally. `~` marks estimated figures.
 */
export function formatUsageLine(call: CallRecord, mock: boolean): string {
  const { usage, estimated } = call;
  const input = `in ${markEstimated(formatTokens(promptTokensOf(usage)), estimated)}`;
  const written = cacheWriteTokensOf(usage);
  const notes = [
    ...(usage.cacheReadTokens > 0 ? [`${formatTokens(usage.cacheReadTokens)} cached`] : []),
    ...(written > 0 ? [`${formatTokens(written)} cache write`] : []),
  ];
  const cached = notes.length > 0 ? ` (${notes.join(', ')})` : '';
  const output = `out ${markEstimated(formatTokens(usage.outputTokens), estimated)}`;
  const reasoning =
    usage.reasoningTokens > 0 ? ` (${formatTokens(usage.reasoningTokens)} reasoning)` : '';
  const cost = formatCallCost(call.costPicoUsd, {
    mock,
    simulatedPicoUsd: call.simulatedCostPicoUsd,
    estimated,
    simulatesModel: call.model !== PLAIN_MOCK_MODEL,
  });
  const mark = mock ? '' : providerCostMark(call);
  const parts = [
    sanitizeTerminalLine(call.model),
    input + cached,
    output + reasoning,
    cost + mark,
    formatLatency(call.latencyMs),
  ];
  if (call.outcome === 'aborted') {
    parts.push(call.errorKind === 'cancelled' ? 'cancelled' : 'cut short');
  }
  if (call.outcome === 'failed') parts.push('failed');
  const cut = cutMark(call.stopReason);
  if (cut !== null) parts.push(cut);
  return parts.join(' · ');
}
