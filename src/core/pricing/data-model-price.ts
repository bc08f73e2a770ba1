import { dataPriceToMicroUsd } from './money';
import {
  type DataConditionalPrices,
  type DataModel,
  type DataPrices,
  type DataPriceValue,
  type DataProvider,
  equalsIdsOf,
} from './price-data';
import type { DatedPrice, ModelPrice, PriceOrigin, PriceSchedule, Rates } from './types';

/** Where a data file came from, for each price it yields. */
export interface DataOrigin {
  readonly origin: Extract<PriceOrigin, 'bundled' | 'refreshed'>;
  /** The date the data was published or fetched (YYYY-MM-DD): the price date of its models. */
  readonly dataDate: string;
}

/** The rate fields of the data, by our names. */
const FIELDS = {
  input: 'input_mtok',
  output: 'output_mtok',
  cacheRead: 'cache_read_mtok',
  cacheWrite5m: 'cache_write_mtok',
  cacheWrite1h: 'cache_write_1h_mtok',
  inputAudio: 'input_audio_mtok',
  outputAudio: 'output_audio_mtok',
} as const satisfies Record<keyof Rates, keyof DataPrices>;

type RateName = keyof typeof FIELDS;

/** A price's value at a prompt of `aboveTokens` (base below its first tier). */
function valueAt(value: DataPriceValue, aboveTokens: number | null): unknown {
  if (typeof value !== 'object') return value;
  let chosen: unknown = value.base;
  if (aboveTokens === null) return chosen;
  for (const tier of value.tiers) if (tier.start <= aboveTokens) chosen = tier.price;
  return chosen;
}

/** Every tier threshold any rate of `prices` has, ascending. */
function thresholdsOf(prices: DataPrices): number[] {
  const starts = new Set<number>();
  for (const field of Object.values(FIELDS)) {
    const value = prices[field];
    if (typeof value === 'object') for (const tier of value.tiers) starts.add(tier.start);
  }
  return [...starts].sort((a, b) => a - b);
}

/**
 * Complete rates at one threshold, or null when input or output has no usable price. Unset
 * cache and audio rates follow our convention (billed as input / output); an Anthropic model
 * without a 1-hour write price pays 2x input, Anthropic's published rule for 1-hour writes.
 */
function ratesAt(prices: DataPrices, aboveTokens: number | null, provider: string): Rates | null {
  const micro: Partial<Record<RateName, bigint>> = {};
  for (const [name, field] of Object.entries(FIELDS) as [RateName, keyof DataPrices][]) {
    const value = prices[field];
    if (value === undefined) continue;
    const parsed = dataPriceToMicroUsd(valueAt(value, aboveTokens));
    if (parsed === null) return null;
    micro[name] = parsed;
  }
  const { input, output } = micro;
  if (input === undefined || output === undefined) return null;
  const cacheWrite5m = micro.cacheWrite5m ?? input;
  return {
    input,
    output,
    cacheRead: micro.cacheRead ?? input,
    cacheWrite5m,
    // Only a model with cache writes at all gets Anthropic's 1-hour rule (claude-2 has none).
    cacheWrite1h:
      micro.cacheWrite1h ??
      (provider === 'anthropic' && micro.cacheWrite5m !== undefined ? 2n * input : cacheWrite5m),
    inputAudio: micro.inputAudio ?? input,
    outputAudio: micro.outputAudio ?? output,
  };
}

/** Base rates and long-context tiers of one set of prices, or null when it cannot be priced. */
function scheduleOf(prices: DataPrices, provider: string): PriceSchedule | null {
  const rates = ratesAt(prices, null, provider);
  if (!rates) return null;
  const tiers = [];
  for (const start of thresholdsOf(prices)) {
    const tierRates = ratesAt(prices, start, provider);
    if (!tierRates) return null;
    tiers.push({ aboveTokens: start, rates: tierRates });
  }
  return { rates, tiers };
}

/** UTC midnight of a YYYY-MM-DD date, epoch ms (-Infinity for prices with no start date). */
function dayStartMs(date: string | undefined): number {
  return date === undefined ? Number.NEGATIVE_INFINITY : Date.parse(`${date}T00:00:00Z`);
}

/**
 * The dated periods of a model, oldest first; null when it cannot be priced. A model whose
 * prices depend on the time of day (a provider's off-peak hours) is left unpriced: which price
 * applied is not known after the fact, and the entry without a constraint is the off-peak one.
 */
function periodsOf(model: DataModel, provider: string): DatedPrice[] | null {
  const entries: readonly DataConditionalPrices[] = Array.isArray(model.prices)
    ? (model.prices as readonly DataConditionalPrices[])
    : [{ prices: model.prices as DataPrices }];
  if (entries.some((entry) => entry.constraint?.start_time !== undefined)) return null;
  const periods: DatedPrice[] = [];
  for (const entry of entries) {
    const schedule = scheduleOf(entry.prices, provider);
    if (!schedule) return null;
    periods.push({ ...schedule, fromMs: dayStartMs(entry.constraint?.start_date) });
  }
  return periods.sort((a, b) => a.fromMs - b.fromMs);
}

/**
 * Converts one model of the data into a `ModelPrice`, exactly (each price from its decimal
 * text), with the prices in force at `nowMs` as its current rates and every dated period in
 * `history`. Undefined for a model without an input and an output price (image, embedding and
 * per-request models): unpriced in chatmeter rather than guessed.
 */
export function dataModelPrice(
  provider: DataProvider,
  model: DataModel,
  origin: DataOrigin,
  nowMs: number,
): ModelPrice | undefined {
  const periods = periodsOf(model, provider.id);
  if (!periods || periods.length === 0) return undefined;
  const current = periods.findLast((period) => period.fromMs <= nowMs) ?? periods[0]!;
  const aliases = equalsIdsOf(model.match).filter((id) => id.toLowerCase() !== model.id);
  const checkedDate = model.prices_checked ?? provider.prices_checked;
  return {
    ...(checkedDate === undefined ? {} : { checkedDate }),
    id: model.id,
    provider: provider.id,
    rates: current.rates,
    tiers: current.tiers,
    contextWindowTokens: model.context_window ?? null,
    aliases: [...new Set(aliases)],
    priceDate: checkedDate ?? origin.dataDate,
    source: provider.pricing_urls?.[0] ?? 'https://github.com/pydantic/genai-prices',
    origin: origin.origin,
    history: periods.length > 1 ? periods : [],
    serviceTiers: {},
  };
}
