import type { NextTurnFigure } from '../../core/chat/next-turn';
import { cacheWriteTokensOf } from '../../core/pricing/cost';
import { PLAIN_MOCK_MODEL } from '../../core/usage/types';
import { formatCost, formatPercent, formatTokens, markEstimated } from '../text/format';

/**
 * The `/usage` line for what the next message costs at least: the conversation it resends, how
 * much of it the cache holds, and how full the context window is. `mock`: the cost is simulated;
 * `model` is the one the figure is for (with no price, the plain mock model costs nothing).
 */
export function nextTurnLine(figure: NextTurnFigure, mock: boolean, model: string): string {
  const { usage, promptTokens } = figure;
  const cost = formatCost(figure.costPicoUsd, { estimated: figure.estimated });
  const parts: string[] = [];
  if (usage.cacheReadTokens > 0) parts.push(`${formatTokens(usage.cacheReadTokens)} read from cache`);
  const written = cacheWriteTokensOf(usage);
  if (written > 0) parts.push(`${formatTokens(written)} written to it`);
  const split = parts.length > 0 ? ` (${parts.join(', ')})` : '';
  const tokens = markEstimated(formatTokens(promptTokens), figure.estimated);
  const window = figure.contextWindowTokens;
  const context =
    window === null
      ? ''
      : `; context ${formatPercent(promptTokens, window)} of ${formatTokens(window)}`;
  const resent = `resends ${tokens} tokens${split}${context}`;
  if (figure.costPicoUsd === null) {
    const price = !mock
      ? 'is unpriced'
      : model === PLAIN_MOCK_MODEL
        ? 'costs nothing (mock)'
        : 'has no simulated price';
    return `Next message ${price}: ${resent}`;
  }
  const what = mock ? 'would cost (simulated)' : 'costs';
  return `Next message ${what} at least ${cost}: ${resent}`;
}
