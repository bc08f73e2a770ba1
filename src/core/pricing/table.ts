import { readFileSync } from 'node:fs';
import builtinPricing from '../../../models.pricing';
import { errorMessage, PricingError } from '../errors';
import { builtinModels } from './builtin';
import type { BuiltinPricing } from './data-types';
import { resolveModelId } from './resolve';
import type { ValidatedModel, validatePricing } from './schema';
import type { ModelPrice, PriceTable, PriceTier, Rates } from './types';

/** Options of `loadPriceTable`. */
export interface LoadPriceTableOptions {
  /** A pricing file (`--pricing FILE`), merged last: it wins over the config and built-ins. */
  readonly pricingFile?: string;
  /** The same pricing object from the config key `pricing`, merged over the built-ins. */
  readonly overrides?: unknown;
  /** How to name `overrides` in errors. Default `config key "pricing"`. */
  readonly overridesSource?: string;
}

/** Rates as written: input and output, and the cache rates a price sets. */
type WrittenRates = Pick<Rates, 'input' | 'output'> &
  Partial<Omit<Rates, 'input' | 'output'>>;

/** The rates with each unset cache rate billed as uncached input. */
function completeRates(written: WrittenRates): Rates {
  return {
    input: written.input,
    output: written.output,
    cacheRead: written.cacheRead ?? written.input,
    cacheWrite5m: written.cacheWrite5m ?? written.input,
    cacheWrite1h: written.cacheWrite1h ?? written.input,
    inputAudio: written.inputAudio ?? written.input,
    outputAudio: written.outputAudio ?? written.output,
  };
}

function toModelPrice(id: string, entry: ValidatedModel, source: string | null): ModelPrice {
  const tiers: PriceTier[] = (entry.tiers ?? [])
    .map((tier) => ({
      aboveTokens: tier.above,
      // The tier's own rates over the model's as written, so a cache rate the model leaves
      // unset follows the tier's input rate.
      rates: completeRates({
        input: tier.input ?? entry.input,
        output: tier.output ?? entry.output,
        cacheRead: tier.cacheRead ?? entry.cacheRead,
        cacheWrite5m: tier.cacheWrite5m ?? entry.cacheWrite5m,
        cacheWrite1h: tier.cacheWrite1h ?? entry.cacheWrite1h,
      }),
    }))
    .sort((a, b) => a.aboveTokens - b.aboveTokens);
  return {
    id,
    provider: entry.provider,
    rates: completeRates(entry),
    tiers,
    contextWindowTokens: entry.contextWindow ?? null,
    aliases: entry.aliases ?? [],
    priceDate: entry.priceDate ?? null,
    source,
    origin: 'curated',
    history: [],
    serviceTiers: {},
  };
}

function builtinEntries(data: BuiltinPricing): Map<string, ModelPrice> {
  const prices = new Map<string, ModelPrice>();
  for (const [id, { entry, source }] of builtinModels(data)) {
    prices.set(id, toModelPrice(id, entry, source));
  }
  return prices;
}

function readPricingFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new PricingError(`${file}: cannot read the pricing file (${reason})`, {
      file,
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PricingError(`${file}: not valid JSON (${errorMessage(error)})`, {
      file,
      cause: error,
    });
  }
}

function mergeInto(
  prices: Map<string, ModelPrice>,
  validated: ReturnType<typeof validatePricing>,
  source: string,
): void {
  for (const [id, entry] of Object.entries(validated.models)) {
    const previous = prices.get(id);
    const price = toModelPrice(id, entry, source);
    const aliases = [...new Set([...(previous?.aliases ?? []), ...price.aliases])];
    const contextWindowTokens = price.contextWindowTokens ?? previous?.contextWindowTokens ?? null;
    prices.set(id, { ...price, aliases, contextWindowTokens });
  }
}

/**
 * Builds a `PriceTable` over validated prices (exact id, alias, prefix and date resolution).
 * Each id is resolved once and remembered (every call and progress event prices its model).
 * The sorted list is made on the first `list()`: `localeCompare` loads ICU's collator (about
 * 9 ms), which a chat that only resolves its model never needs.
 */
export function createPriceTable(prices: ReadonlyMap<string, ModelPrice>): PriceTable {
  const byId = new Map<string, ModelPrice>();
  const byAlias = new Map<string, ModelPrice>();
  for (const price of prices.values()) byId.set(price.id.toLowerCase(), price);
  for (const price of prices.values()) {
    for (const alias of price.aliases) byAlias.set(alias.toLowerCase(), price);
  }
  const resolved = new Map<string, ModelPrice | undefined>();
  let list: readonly ModelPrice[] | undefined;
  return {
    resolve: (modelId) => {
      if (resolved.has(modelId)) return resolved.get(modelId);
      const price = resolveModelId(modelId, byId, byAlias);
      resolved.set(modelId, price);
      return price;
    },
    list: () => {
      list ??= [...prices.values()].sort(
        (a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id),
      );
      return list;
    },
  };
}

/**
 * The built-in prices (`models.pricing.ts`) as a `PriceTable`, converted on the first `resolve`
 * or `list` rather than up front. Synchronous and schema-free: the built-in data is typed at
 * compile time (and checked against the pricing schema by `tests/core/pricing/builtin.test.ts`).
 */
export function builtinPriceTable(): PriceTable {
  let table: PriceTable | undefined;
  const built = () => {
    table ??= createPriceTable(builtinEntries(builtinPricing));
    return table;
  };
  return {
    resolve: (modelId) => built().resolve(modelId),
    list: () => built().list(),
  };
}

/**
 * Loads the built-in prices (`models.pricing.ts`), then merges the config's `pricing` object,
 * then a pricing file; an entry replaces the model of the same id (its aliases are kept, and its
 * context window when the entry gives none). The pricing schema (and zod, about 20 ms to load)
 * is imported only when there is an override or a file to validate; without either this is
 * {@link builtinPriceTable}.
 * @throws PricingError (exit 2) with one line naming the file (or config key) and key path.
 */
export async function loadPriceTable(options: LoadPriceTableOptions = {}): Promise<PriceTable> {
  if (options.overrides === undefined && options.pricingFile === undefined) {
    return builtinPriceTable();
  }
  const { validatePricing } = await import('./schema');
  const prices = builtinEntries(builtinPricing);
  if (options.overrides !== undefined) {
    const source = options.overridesSource ?? 'config key "pricing"';
    mergeInto(prices, validatePricing(options.overrides, source), source);
  }
  if (options.pricingFile !== undefined) {
    const file = options.pricingFile;
    mergeInto(prices, validatePricing(readPricingFile(file), file, file), file);
  }
  return createPriceTable(prices);
}

/** The context window of a model in tokens, or null when the model or its window is unknown. */
export function contextWindowOf(table: PriceTable, modelId: string): number | null {
  return table.resolve(modelId)?.contextWindowTokens ?? null;
}
