import { ZERO_USAGE } from '../usage/types';
import { priceUsage } from './cost';
import type { PriceTable } from './types';

/**
 * What `tokens` more uncached input tokens cost on `model` at its current base input rate,
 * pico-USD; null when the model has no price. For showing what text added to a prompt costs.
 */
export function inputTokensCostPicoUsd(
  table: PriceTable,
  model: string,
  tokens: number,
): bigint | null {
  return priceUsage(table, model, { ...ZERO_USAGE, inputTokens: tokens }).cost?.totalPicoUsd ?? null;
}
