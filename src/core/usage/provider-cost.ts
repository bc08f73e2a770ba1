import { UsageError } from '../errors';
import { parseDecimalScaled } from '../decimal';
import type { RawObject } from './normalize-read';

/** Pico-USD in one xAI tick: 10^10 ticks are one USD, 10^12 pico-USD are one USD. */
const PICO_PER_XAI_TICK = 100n;

/** The charge a provider reported for one call, read exactly. */
export interface ReportedCost {
  /** The charge in integer pico-USD. */
  readonly picoUsd: bigint;
  /** The usage field it came from (`cost`, `cost_in_usd_ticks`), for notes. */
  readonly field: string;
}

/**
 * OpenRouter's `usage.cost` (USD as a JSON number) in pico-USD: the number's shortest
 * round-trip text is the literal that was sent, parsed without floating-point arithmetic.
 * A charge finer than one pico-USD is rounded to the nearest one, with a warning.
 */
function usdCost(value: unknown, warnings: string[]): bigint {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  const exact = parseDecimalScaled(text, 12);
  if (exact !== null && exact >= 0n) return exact;
  // 24 decimals hold any float's shortest text down to 1e-12 of a pico-USD.
  const fine = parseDecimalScaled(text, 24);
  if (fine === null || fine < 0n || (typeof value !== 'number' && typeof value !== 'string')) {
    throw new UsageError(
      `usage field cost must be an amount in USD >= 0, got ${JSON.stringify(value)}`,
    );
  }
  const unit = 10n ** 12n;
  warnings.push(`the provider's cost ${text} USD is finer than 1 pico-USD; rounded to the nearest`);
  return (fine + unit / 2n) / unit;
}

/** xAI's `cost_in_usd_ticks` (an integer, 10^10 ticks = 1 USD) in pico-USD. */
function tickCost(value: unknown): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return BigInt(value) * PICO_PER_XAI_TICK;
  }
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
    return BigInt(value.trim()) * PICO_PER_XAI_TICK;
  }
  throw new UsageError(
    `usage field cost_in_usd_ticks must be a whole number >= 0, got ${JSON.stringify(value)}`,
  );
}

/**
 * The cost a provider reported inside a usage object: xAI's `cost_in_usd_ticks`, else
 * OpenRouter's `cost` (USD). Null when the usage carries neither.
 * @throws UsageError when the field is there but is not an amount.
 */
export function readReportedCost(usage: RawObject, warnings: string[]): ReportedCost | null {
  const ticks = usage.cost_in_usd_ticks;
  if (ticks !== undefined && ticks !== null) {
    return { picoUsd: tickCost(ticks), field: 'cost_in_usd_ticks' };
  }
  const cost = usage.cost;
  if (cost === undefined || cost === null) return null;
  const fee = usdCost(cost, warnings);
  // OpenRouter with the user's own provider key (BYOK): `cost` is only OpenRouter's fee; the
  // provider's charge is `cost_details.upstream_inference_cost`, billed by the provider itself.
  const details = usage.cost_details;
  const upstream =
    usage.is_byok === true && typeof details === 'object' && details !== null
      ? (details as RawObject).upstream_inference_cost
      : undefined;
  if (upstream === undefined || upstream === null) return { picoUsd: fee, field: 'cost' };
  return {
    picoUsd: fee + usdCost(upstream, warnings),
    field: 'cost + cost_details.upstream_inference_cost',
  };
}

/**
 * True when a provider's charge differs from our list price by more than 1% of the list price;
 * false when they agree or either figure is missing.
 */
export function listPriceDiffers(cost: {
  readonly listCostPicoUsd?: bigint | null;
  readonly providerCostPicoUsd?: bigint | null;
}): boolean {
  const list = cost.listCostPicoUsd ?? null;
  const provider = cost.providerCostPicoUsd ?? null;
  if (list === null || provider === null) return false;
  const gap = provider > list ? provider - list : list - provider;
  return gap * 100n > list;
}
