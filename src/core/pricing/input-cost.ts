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

/**
 * What `tokens` prompt tokens cost on `model` written to a cache of `ttl` (the turn that sends
 * them) and read from it (each later turn while it is warm), at the current base rates,
 * pico-USD; null when the model has no price.
 */
export function cachedTokensCostPicoUsd(
  table: PriceTable,
  model: string,
  tokens: number,
  ttl: '5m' | '1h',
): { readonly writePicoUsd: bigint; readonly readPicoUsd: bigint } | null {
  const write = ttl === '1h' ? 'cacheWrite1hTokens' : 'cacheWrite5mTokens';
  const written = priceUsage(table, model, { ...ZERO_USAGE, [write]: tokens }).cost;
  const read = priceUsage(table, model, { ...ZERO_USAGE, cacheReadTokens: tokens }).cost;
  if (!written || !read) return null;
  return { writePicoUsd: written.totalPicoUsd, readPicoUsd: read.totalPicoUsd };
}
