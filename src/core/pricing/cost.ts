import type { Usage } from '../usage/types';
import type { CostBreakdown, ModelPrice, PriceTable, PriceTier, Rates } from './types';

/** Prompt tokens written to a cache, 5-minute and 1-hour together (the "cache write" figure). */
export function cacheWriteTokensOf(usage: Usage): number {
  return usage.cacheWrite5mTokens + usage.cacheWrite1hTokens;
}

/** The whole prompt of a request: every input bucket, cached or not (chooses the tier). */
export function promptTokensOf(usage: Usage): number {
  return usage.inputTokens + usage.cacheReadTokens + cacheWriteTokensOf(usage);
}

/**
 * The long-context tier a request falls in: the highest tier whose threshold the whole prompt
 * exceeds (tiers are cliffs), or undefined for the base rates.
 */
export function tierFor(price: ModelPrice, usage: Usage): PriceTier | undefined {
  const promptTokens = promptTokensOf(usage);
  let chosen: PriceTier | undefined;
  for (const tier of price.tiers) {
    if (promptTokens > tier.aboveTokens && (!chosen || tier.aboveTokens > chosen.aboveTokens)) {
      chosen = tier;
    }
  }
  return chosen;
}

/** The rates that apply to a request (its tier's when one is crossed, else the base rates). */
export function ratesFor(price: ModelPrice, usage: Usage): Rates {
  return tierFor(price, usage)?.rates ?? price.rates;
}

/**
 * Exact cost of one call in pico-USD: tokens x micro-USD-per-1M rate per bucket. When the whole
 * prompt crosses a tier, every bucket uses that tier's rates. Reasoning tokens are part of
 * `outputTokens` and are not billed again.
 */
export function computeCost(price: ModelPrice, usage: Usage): CostBreakdown {
  const tier = tierFor(price, usage);
  const rates = tier?.rates ?? price.rates;
  const inputPicoUsd = BigInt(usage.inputTokens) * rates.input;
  const cacheReadPicoUsd = BigInt(usage.cacheReadTokens) * rates.cacheRead;
  const cacheWrite5mPicoUsd = BigInt(usage.cacheWrite5mTokens) * rates.cacheWrite5m;
  const cacheWrite1hPicoUsd = BigInt(usage.cacheWrite1hTokens) * rates.cacheWrite1h;
  const outputPicoUsd = BigInt(usage.outputTokens) * rates.output;
  return {
    totalPicoUsd:
      inputPicoUsd + cacheReadPicoUsd + cacheWrite5mPicoUsd + cacheWrite1hPicoUsd + outputPicoUsd,
    inputPicoUsd,
    cacheReadPicoUsd,
    cacheWrite5mPicoUsd,
    cacheWrite1hPicoUsd,
    outputPicoUsd,
    tierAboveTokens: tier?.aboveTokens ?? null,
  };
}

/**
 * What reading from the cache saved, pico-USD: the cache-read tokens at the uncached input rate
 * minus what they cost, both at the request's tier. Cache writes are not savings. Negative only
 * if a pricing file sets a cache-read rate above the input rate.
 */
export function cacheSavingsPicoUsd(price: ModelPrice, usage: Usage): bigint {
  const rates = ratesFor(price, usage);
  return BigInt(usage.cacheReadTokens) * (rates.input - rates.cacheRead);
}

/** The price and cost of one call's usage; `cost` is null for an unpriced model, never 0. */
export interface PricedUsage {
  /** The resolved price, undefined when the model is unknown. */
  readonly price: ModelPrice | undefined;
  /** Cost breakdown in pico-USD, null when unpriced. */
  readonly cost: CostBreakdown | null;
  /** What cache reads saved, pico-USD (0n when unpriced or nothing was read from cache). */
  readonly cacheSavingsPicoUsd: bigint;
}

/** Resolves `modelId` in `table` and prices `usage` (DESIGN §4). Unknown model: cost null. */
export function priceUsage(table: PriceTable, modelId: string, usage: Usage): PricedUsage {
  const price = table.resolve(modelId);
  if (!price) return { price: undefined, cost: null, cacheSavingsPicoUsd: 0n };
  return {
    price,
    cost: computeCost(price, usage),
    cacheSavingsPicoUsd: cacheSavingsPicoUsd(price, usage),
  };
}
