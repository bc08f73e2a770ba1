import { readFileSync } from 'node:fs';
import { errorMessage, PricingError } from '../errors';
import { builtinModels } from './builtin';
import type { BuiltinPricing } from './data-types';
import type { ValidatedModel, validatePricing } from './schema';
import type { ModelPrice, PriceOrigin, PriceTier, Rates } from './types';

/** Rates as written: input and output, and the cache rates a price sets. */
type WrittenRates = Pick<Rates, 'input' | 'output'> &
  Partial<Omit<Rates, 'input' | 'output'>>;

/** The rates with each unset cache rate billed as uncached input, audio as text. */
export function completeRates(written: WrittenRates): Rates {
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

/** A validated entry (curated or a pricing file) as a `ModelPrice` of the given origin. */
export function toModelPrice(
  id: string,
  entry: ValidatedModel,
  source: string | null,
  origin: Extract<PriceOrigin, 'curated' | 'user'>,
): ModelPrice {
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
        inputAudio: tier.inputAudio ?? entry.inputAudio,
        outputAudio: tier.outputAudio ?? entry.outputAudio,
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
    origin,
    history: [],
    serviceTiers: {},
  };
}

/** The curated models of `models.pricing.ts` by id. */
export function curatedEntries(data: BuiltinPricing): Map<string, ModelPrice> {
  const prices = new Map<string, ModelPrice>();
  for (const [id, { entry, source }] of builtinModels(data)) {
    prices.set(id, toModelPrice(id, entry, source, 'curated'));
  }
  return prices;
}

/**
 * Reads and parses a pricing file (`--pricing FILE`).
 * @throws PricingError naming the file when it cannot be read or is not JSON.
 */
export function readPricingFile(file: string): unknown {
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

/**
 * Adds the models of a validated pricing object to `prices` (the user's layer); an entry keeps
 * the aliases and context window of the model it replaces (`previous`) when it gives none.
 */
export function mergeInto(
  prices: Map<string, ModelPrice>,
  validated: ReturnType<typeof validatePricing>,
  source: string,
  previousOf: (id: string) => ModelPrice | undefined,
): void {
  for (const [id, entry] of Object.entries(validated.models)) {
    const previous = prices.get(id) ?? previousOf(id);
    const price = toModelPrice(id, entry, source, 'user');
    const aliases = [...new Set([...(previous?.aliases ?? []), ...price.aliases])];
    const contextWindowTokens = price.contextWindowTokens ?? previous?.contextWindowTokens ?? null;
    prices.set(id, {
      ...price,
      aliases,
      contextWindowTokens,
      serviceTiers: previous?.serviceTiers ?? {},
    });
  }
}

