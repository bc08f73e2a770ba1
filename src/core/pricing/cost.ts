import type { Usage } from '../usage/types';
import {
  type CostBreakdown,
  type ModelPrice,
  PRICED_SERVICE_TIERS,
  type PricedServiceTier,
  type PriceSchedule,
  type PriceTable,
  type PriceTier,
  type Rates,
} from './types';

/** How a call was made, where that changes its price. */
export interface PriceOptions {
  /**
   * The service tier the provider reports (or that was requested): `flex`, `priority` and
   * `batch` have rates of their own; anything else (`default`, `auto`, `scale`...) is standard.
   */
  readonly serviceTier?: string | null;
  /** When the call was made, epoch ms: a price that changed on a date is taken as it was then. */
  readonly atMs?: number;
}

/** The priced service tier named by `tier`, or null for the standard rates. */
export function pricedServiceTier(tier: string | null | undefined): PricedServiceTier | null {
  const name = tier?.trim().toLowerCase();
  return (PRICED_SERVICE_TIERS as readonly string[]).includes(name ?? '')
    ? (name as PricedServiceTier)
    : null;
}

/**
 * The rates and tiers that apply to a call: the service tier's when it has its own, the period
 * in force at `atMs` otherwise (the current one when `atMs` is absent). Null when the call ran on
 * a service tier this model has no price for (never priced at the standard rate by guess).
 */
export function scheduleFor(price: ModelPrice, options: PriceOptions = {}): PriceSchedule | null {
  const serviceTier = pricedServiceTier(options.serviceTier);
  if (serviceTier) return price.serviceTiers[serviceTier] ?? null;
  const at = options.atMs;
  if (at !== undefined && price.history.length > 0) {
    return price.history.findLast((period) => period.fromMs <= at) ?? price.history[0]!;
  }
  return price;
}

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
export function tierFor(price: PriceSchedule, usage: Usage): PriceTier | undefined {
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
export function ratesFor(price: PriceSchedule, usage: Usage): Rates {
  return tierFor(price, usage)?.rates ?? price.rates;
}

/** Tokens of a bucket billed at two rates: its audio part at `audioRate`, the rest at `rate`. */
function splitCost(tokens: number, audioTokens: number | undefined, rate: bigint, audioRate: bigint) {
  const audio = BigInt(Math.min(Math.max(audioTokens ?? 0, 0), tokens));
  return (BigInt(tokens) - audio) * rate + audio * audioRate;
}

/**
 * Exact cost of one call in pico-USD at `schedule` (a model's current prices, or what
 * {@link scheduleFor} picked): tokens x micro-USD-per-1M rate per bucket, audio parts at the
 * audio rates. When the whole prompt crosses a tier, every bucket uses that tier's rates.
 * Reasoning tokens are part of `outputTokens` and are not billed again.
 */
export function computeCost(
  schedule: PriceSchedule,
  usage: Usage,
  serviceTier: PricedServiceTier | null = null,
): CostBreakdown {
  const tier = tierFor(schedule, usage);
  const rates = tier?.rates ?? schedule.rates;
  const inputPicoUsd = splitCost(
    usage.inputTokens,
    usage.inputAudioTokens,
    rates.input,
    rates.inputAudio,
  );
  const cacheReadPicoUsd = BigInt(usage.cacheReadTokens) * rates.cacheRead;
  const cacheWrite5mPicoUsd = BigInt(usage.cacheWrite5mTokens) * rates.cacheWrite5m;
  const cacheWrite1hPicoUsd = BigInt(usage.cacheWrite1hTokens) * rates.cacheWrite1h;
  const outputPicoUsd = splitCost(
    usage.outputTokens,
    usage.outputAudioTokens,
    rates.output,
    rates.outputAudio,
  );
  return {
    totalPicoUsd:
      inputPicoUsd + cacheReadPicoUsd + cacheWrite5mPicoUsd + cacheWrite1hPicoUsd + outputPicoUsd,
    inputPicoUsd,
    cacheReadPicoUsd,
    cacheWrite5mPicoUsd,
    cacheWrite1hPicoUsd,
    outputPicoUsd,
    tierAboveTokens: tier?.aboveTokens ?? null,
    serviceTier,
  };
}

/**
 * What reading from the cache saved, pico-USD: the cache-read tokens at the uncached input rate
 * minus what they cost, both at the request's tier. Cache writes are not savings. Negative only
 * if a pricing file sets a cache-read rate above the input rate.
 */
export function cacheSavingsPicoUsd(schedule: PriceSchedule, usage: Usage): bigint {
  const rates = ratesFor(schedule, usage);
  return BigInt(usage.cacheReadTokens) * (rates.input - rates.cacheRead);
}

/**
 * What writing to the cache cost over the uncached input rate, pico-USD: each written token at
 * its write rate (5-minute or 1-hour) minus the same tokens at the input rate, at the request's
 * tier. The price of caching on purpose, set against {@link cacheSavingsPicoUsd} for the net
 * effect; negative only if a pricing file sets a write rate below the input rate.
 */
export function cacheWritePremiumPicoUsd(schedule: PriceSchedule, usage: Usage): bigint {
  const rates = ratesFor(schedule, usage);
  return (
    BigInt(usage.cacheWrite5mTokens) * (rates.cacheWrite5m - rates.input) +
    BigInt(usage.cacheWrite1hTokens) * (rates.cacheWrite1h - rates.input)
  );
}

/** The price and cost of one call's usage; `cost` is null for an unpriced model, never 0. */
export interface PricedUsage {
  /** The resolved price, undefined when the model is unknown (cost null also on an unpriced service tier). */
  readonly price: ModelPrice | undefined;
  /** Cost breakdown in pico-USD, null when unpriced. */
  readonly cost: CostBreakdown | null;
  /** What cache reads saved, pico-USD (0n when unpriced or nothing was read from cache). */
  readonly cacheSavingsPicoUsd: bigint;
  /** What cache writes cost over the uncached input rate, pico-USD (0n when unpriced or none). */
  readonly cacheWritePremiumPicoUsd: bigint;
}

/**
 * Resolves `modelId` in `table` and prices `usage` (DESIGN §4) at the service tier and date of
 * `options`. Unknown model, or a service tier without a price: cost null.
 */
export function priceUsage(
  table: PriceTable,
  modelId: string,
  usage: Usage,
  options: PriceOptions = {},
): PricedUsage {
  const price = table.resolve(modelId);
  const schedule = price && scheduleFor(price, options);
  if (!schedule) {
    return { price, cost: null, cacheSavingsPicoUsd: 0n, cacheWritePremiumPicoUsd: 0n };
  }
  return {
    price,
    cost: computeCost(schedule, usage, pricedServiceTier(options.serviceTier)),
    cacheSavingsPicoUsd: cacheSavingsPicoUsd(schedule, usage),
    cacheWritePremiumPicoUsd: cacheWritePremiumPicoUsd(schedule, usage),
  };
}
