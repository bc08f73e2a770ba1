import curatedPricing from '../../../models.pricing';
import { errorMessage } from '../errors';
import { BUNDLED_PROVIDERS } from './bundled-data';
import { BUNDLED_DATA_INFO } from './bundled-data-info';
import { usdPerMTokToMicroUsd as micro } from './money';
import type { CuratedPricing } from './data-types';
import { readStoredData } from './data-store';
import { completeRates, curatedEntries, mergeInto, readPricingFile } from './price-entries';
import { createPriceCatalog, type PriceCatalog } from './price-catalog';
import { lazyPriceData } from './price-data';
import { resolveModelId } from './resolve';
import type { ModelPrice, PriceDataInfo, PriceSchedule, PriceTable, Rates } from './types';

/** Options of `loadPriceTable`. */
export interface LoadPriceTableOptions {
  /** A pricing file (`--pricing FILE`), merged last: it wins over the config and built-ins. */
  readonly pricingFile?: string;
  /** The same pricing object from the config key `pricing`, merged over the built-ins. */
  readonly overrides?: unknown;
  /** How to name `overrides` in errors. Default `config key "pricing"`. */
  readonly overridesSource?: string;
  /** chatmeter's data folder: refreshed price data there wins over the bundled data. */
  readonly dataDir?: string;
  /** An OpenAI-compatible server's base URL: its own prices (OpenRouter, Groq...) come first. */
  readonly baseUrl?: string;
  /** The current time, epoch ms (picks each model's prices among dated ones). Default now. */
  readonly nowMs?: number;
}

/** Exact and alias lookups over a set of prices, with prefix and date-suffix fallbacks. */
function lookup(prices: ReadonlyMap<string, ModelPrice>): (modelId: string) => ModelPrice | undefined {
  const byId = new Map<string, ModelPrice>();
  const byAlias = new Map<string, ModelPrice>();
  for (const price of prices.values()) byId.set(price.id.toLowerCase(), price);
  for (const price of prices.values()) {
    for (const alias of price.aliases) byAlias.set(alias.toLowerCase(), price);
  }
  return (modelId) => resolveModelId(modelId, byId, byAlias);
}

/** Memoises a resolver: every call and progress event prices its model. */
function remembered(resolve: (id: string) => ModelPrice | undefined) {
  const seen = new Map<string, ModelPrice | undefined>();
  return (modelId: string) => {
    if (!seen.has(modelId)) seen.set(modelId, resolve(modelId));
    return seen.get(modelId);
  };
}

/** Sorted by provider then id. `localeCompare` loads ICU's collator: done on first list only. */
function sortedPrices(prices: Iterable<ModelPrice>): ModelPrice[] {
  return [...prices].sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
}

/**
 * Builds a `PriceTable` over one set of prices (exact id, alias, prefix and date resolution), as
 * tests and tools that bring their own prices need. `list()` and `listAll()` give every model.
 */
export function createPriceTable(prices: ReadonlyMap<string, ModelPrice>): PriceTable {
  let list: readonly ModelPrice[] | undefined;
  const all = () => (list ??= sortedPrices(prices.values()));
  return { resolve: remembered(lookup(prices)), list: all, listAll: all, data: null };
}

/** The service-tier rates of `models.pricing.ts` as schedules, by lower-cased model id. */
function serviceTierSchedules(curated: CuratedPricing) {
  const schedules = new Map<string, ModelPrice['serviceTiers']>();
  for (const [id, tiers] of Object.entries(curated.serviceTiers.models)) {
    const entry: Partial<Record<string, PriceSchedule>> = {};
    for (const [tier, rates] of Object.entries(tiers)) {
      const input = micro(rates.input);
      const rate = completeRates({
        input,
        output: micro(rates.output),
        ...(rates.cacheRead === undefined ? {} : { cacheRead: micro(rates.cacheRead) }),
      });
      entry[tier] = { rates: rate, tiers: [] };
    }
    schedules.set(id.toLowerCase(), entry);
  }
  return schedules;
}

/** Half of every rate, or null when one is odd (half a pico-USD per token is not exact). */
function halfRates(rates: Rates): Rates | null {
  const halved = Object.entries(rates).map(([name, micro]) => [name, micro / 2n] as const);
  if (Object.values(rates).some((micro) => micro % 2n !== 0n)) return null;
  return Object.fromEntries(halved) as unknown as Rates;
}

/** A model's standard schedule at half price (Flex, Batch), tiers included; null if inexact. */
function halfOf(price: ModelPrice): PriceSchedule | null {
  const rates = halfRates(price.rates);
  const tiers = price.tiers.map((tier) => ({ ...tier, rates: halfRates(tier.rates) }));
  if (!rates || tiers.some((tier) => tier.rates === null)) return null;
  return { rates, tiers: tiers as PriceSchedule['tiers'] };
}

/**
 * The price data in use: refreshed data from `dataDir` when it reads back intact, else the
 * bundled data (with the reason in `info.problem`), and its catalog, built on first use.
 */
export function dataCatalog(options: LoadPriceTableOptions, nowMs: number) {
  let stored: ReturnType<typeof readStoredData> = null;
  let problem: string | null = null;
  if (options.dataDir !== undefined) {
    try {
      stored = readStoredData(options.dataDir);
    } catch (error) {
      problem = `${errorMessage(error)}; using the bundled prices (run chatmeter models update to fetch them again)`;
    }
  }
  const info: PriceDataInfo = stored
    ? {
        origin: 'refreshed',
        date: stored.provenance.fetchedAt.slice(0, 10),
        source: stored.provenance.source,
        problem,
      }
    : { origin: 'bundled', date: BUNDLED_DATA_INFO.date, source: BUNDLED_DATA_INFO.source, problem };
  let catalog: PriceCatalog | undefined;
  const get = () => {
    catalog ??= createPriceCatalog(
      stored?.data ?? lazyPriceData(BUNDLED_PROVIDERS),
      { origin: info.origin, dataDate: info.date },
      nowMs,
      options.baseUrl,
    );
    return catalog;
  };
  return { info, catalog: get };
}

/**
 * The layered price table (DESIGN §4): the user's prices (`--pricing`, config `pricing`) win,
 * then a curated entry, then the data (refreshed over bundled); a data price whose
 * `prices_checked` is later than a curated entry's date wins over that entry. Curated
 * corrections (a context window) and OpenAI service-tier rates are applied to the price found.
 */
function layeredTable(
  user: ReadonlyMap<string, ModelPrice>,
  curated: CuratedPricing,
  data: ReturnType<typeof dataCatalog>,
): PriceTable {
  const curatedPrices = curatedEntries(curated.models);
  const findUser = lookup(user);
  const findCurated = lookup(curatedPrices);
  const tiers = serviceTierSchedules(curated);
  const { flex, batchProviders } = curated.serviceTiers.halfPrice;
  const flexIds = new Set(flex.map((id) => id.toLowerCase()));
  const withTiers = (price: ModelPrice): ModelPrice => {
    const explicit = tiers.get(price.id.toLowerCase()) ?? {};
    const half = halfOf(price);
    const serviceTiers = {
      ...explicit,
      ...(half && flexIds.has(price.id.toLowerCase()) ? { flex: half } : {}),
      ...(half && batchProviders.includes(price.provider) ? { batch: half } : {}),
    };
    const correction = curated.corrections[price.id];
    const patched =
      correction && !(price.checkedDate && price.checkedDate > correction.checked)
        ? { ...price, contextWindowTokens: correction.contextWindow ?? price.contextWindowTokens }
        : price;
    return Object.keys(serviceTiers).length > 0 && Object.keys(price.serviceTiers).length === 0
      ? { ...patched, serviceTiers }
      : patched;
  };
  const resolve = remembered((modelId) => {
    const mine = findUser(modelId);
    if (mine) return mine;
    const fromCurated = findCurated(modelId);
    const fromData = data.catalog().find(modelId);
    if (fromCurated) {
      const newer =
        fromData?.origin === 'refreshed' &&
        fromData.checkedDate !== undefined &&
        fromData.checkedDate > (fromCurated.priceDate ?? '');
      return withTiers(newer ? fromData : fromCurated);
    }
    return fromData && withTiers(fromData);
  });
  let offered: readonly ModelPrice[] | undefined;
  let all: readonly ModelPrice[] | undefined;
  return {
    resolve,
    data: data.info,
    list: () => {
      if (offered) return offered;
      const ids = new Set<string>();
      const listed = Object.entries(curated.offered).flatMap(([provider, ids_]) =>
        ids_.flatMap((id) => {
          const price = resolve(id);
          ids.add(id.toLowerCase());
          return price ? [{ ...price, id, provider }] : [];
        }),
      );
      const added = [...user.values()].filter((price) => !ids.has(price.id.toLowerCase()));
      offered = [...listed, ...added];
      return offered;
    },
    listAll: () => {
      if (all) return all;
      const byKey = new Map<string, ModelPrice>();
      for (const price of [...data.catalog().list(), ...curatedPrices.values(), ...user.values()]) {
        byKey.set(`${price.provider}\u0000${price.id}`, withTiers(price));
      }
      all = sortedPrices(byKey.values());
      return all;
    },
  };
}

/**
 * The built-in prices (bundled data and `models.pricing.ts`) as a `PriceTable`, synchronous
 * and schema-free; the data is parsed on the first lookup that reaches it.
 */
export function builtinPriceTable(nowMs: number = Date.now()): PriceTable {
  return layeredTable(new Map(), curatedPricing, dataCatalog({}, nowMs));
}

/**
 * Loads the price table: the user's prices (the config's `pricing`, then a pricing file, each
 * winning over the one before) over the curated layer over the price data (refreshed data in
 * `dataDir` when there is some and it reads back intact, else the bundled data). The pricing
 * schema (and zod, about 20 ms to load) is imported only when there is a user price to validate.
 * @throws PricingError (exit 2) with one line naming the file (or config key) and key path.
 */
export async function loadPriceTable(options: LoadPriceTableOptions = {}): Promise<PriceTable> {
  const data = dataCatalog(options, options.nowMs ?? Date.now());
  const user = new Map<string, ModelPrice>();
  if (options.overrides !== undefined || options.pricingFile !== undefined) {
    const { validatePricing } = await import('./schema');
    const base = layeredTable(new Map(), curatedPricing, data);
    if (options.overrides !== undefined) {
      const source = options.overridesSource ?? 'config key "pricing"';
      mergeInto(user, validatePricing(options.overrides, source), source, base.resolve);
    }
    if (options.pricingFile !== undefined) {
      const file = options.pricingFile;
      mergeInto(user, validatePricing(readPricingFile(file), file, file), file, base.resolve);
    }
  }
  return layeredTable(user, curatedPricing, data);
}

/** The context window of a model in tokens, or null when the model or its window is unknown. */
export function contextWindowOf(table: PriceTable, modelId: string): number | null {
  return table.resolve(modelId)?.contextWindowTokens ?? null;
}
