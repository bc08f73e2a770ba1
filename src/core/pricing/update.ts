import { readFileSync } from 'node:fs';
import curatedPricing from '../../../models.pricing';
import { errorMessage, PriceUpdateError } from '../errors';
import { type DataProvenance, sha256Hex } from './data-store';
import type { PriceCatalog } from './price-catalog';
import type { PriceData } from './price-data';
import { newestCheckedDate, validatePriceData } from './price-data-schema';
import { curatedEntries } from './price-entries';
import { dataCatalog } from './table';
import type { ModelPrice, Rates } from './types';

/** The genai-prices project's published v2 data (what its own `updatePrices` fetches). */
export const DEFAULT_PRICES_URL =
  'https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json';

/** How long a fetch may take, headers and body together. */
export const FETCH_TIMEOUT_MS = 10_000;

/** Larger than any real data file (about 0.4 MB in 2026) by far; a bigger body is refused. */
const MAX_BYTES = 32 * 1024 * 1024;

/**
 * Fetches price data text from `url` within `timeoutMs`.
 * @throws PriceUpdateError with one line: no connection, no answer in time, an HTTP error
 * status, or a body over the size limit.
 */
export async function fetchPriceDataText(
  url: string,
  timeoutMs: number = FETCH_TIMEOUT_MS,
): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  const host = URL.canParse(url) ? new URL(url).host : url;
  try {
    const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
    if (!response.ok) {
      await response.body?.cancel();
      throw new PriceUpdateError(
        `${url} answered ${response.status} ${response.statusText}`.trim() +
          '; check the URL (--url or CHATMETER_PRICES_URL), or use --file with a downloaded copy.',
      );
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_BYTES) throw new PriceUpdateError(`${url}: the body is too large (${declared} bytes)`);
    const text = await response.text();
    if (text.length > MAX_BYTES) throw new PriceUpdateError(`${url}: the body is too large`);
    return text;
  } catch (error) {
    if (error instanceof PriceUpdateError) throw error;
    if (signal.aborted) {
      throw new PriceUpdateError(
        `no complete answer from ${host} within ${timeoutMs / 1000} s; try again later, or use --file with a downloaded copy.`,
        { cause: error },
      );
    }
    const cause = (error as { cause?: unknown }).cause;
    throw new PriceUpdateError(
      `cannot fetch ${url} (${errorMessage(cause ?? error)}); check the network, or use --file with a downloaded copy.`,
      { cause: error },
    );
  }
}

/**
 * Reads price data text from a file.
 * @throws PriceUpdateError naming the file.
 */
export function readPriceDataFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new PriceUpdateError(`${file}: cannot read the price data (${errorMessage(error)})`, {
      cause: error,
    });
  }
}

/**
 * Parses and validates fetched data text.
 * @throws PriceUpdateError: not JSON (a truncated download, an HTML error page) or not the
 * genai-prices v2 shape.
 */
export function parsePriceData(text: string, source: string): PriceData {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const looksLikePage = /^\s*</.test(text);
    const reason = errorMessage(error).replace(/\s+/g, ' ').slice(0, 120);
    throw new PriceUpdateError(
      looksLikePage
        ? `${source}: not JSON price data but a web page; check the URL (--url or CHATMETER_PRICES_URL).`
        : `${source}: not valid JSON (${reason}); the download may be cut short, try again.`,
      { cause: error },
    );
  }
  try {
    return validatePriceData(value, source);
  } catch (error) {
    throw new PriceUpdateError(errorMessage(error), { cause: error });
  }
}

/** The provenance to store with data fetched from `source` now. */
export function provenanceOf(text: string, data: PriceData, source: string, nowMs: number) {
  return {
    source,
    fetchedAt: new Date(nowMs).toISOString(),
    sha256: sha256Hex(text),
    checkedDate: newestCheckedDate(data),
  } satisfies DataProvenance;
}

/** The catalog in use before an update: refreshed data when readable, else the bundled data. */
export function currentCatalog(dataDir: string, nowMs: number): PriceCatalog {
  return dataCatalog({ dataDir }, nowMs).catalog();
}

/** One rate that changed: its name and the old and new micro-USD per 1M tokens. */
export interface RateChange {
  readonly rate: string;
  readonly before: bigint | null;
  readonly after: bigint | null;
}

/** What an update changes, model by model (keyed by provider and data id). */
export interface PriceDiff {
  readonly added: readonly ModelPrice[];
  readonly removed: readonly ModelPrice[];
  readonly changed: readonly { readonly price: ModelPrice; readonly changes: RateChange[] }[];
}

const RATE_NAMES: readonly (keyof Rates)[] = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite5m',
  'cacheWrite1h',
  'inputAudio',
  'outputAudio',
];

/** The rate as the data sets it, or null where it only follows input (or output) by default. */
function setRate(rates: Rates, rate: keyof Rates): bigint | null {
  const follows = rate === 'outputAudio' ? rates.output : rates.input;
  if (rate === 'input' || rate === 'output') return rates[rate];
  return rates[rate] === follows ? null : rates[rate];
}

function rateChanges(before: ModelPrice, after: ModelPrice): RateChange[] {
  const changes: RateChange[] = [];
  for (const rate of RATE_NAMES) {
    const old = setRate(before.rates, rate);
    const fresh = setRate(after.rates, rate);
    if (old !== fresh) changes.push({ rate, before: old, after: fresh });
  }
  const tiers = (price: ModelPrice) =>
    price.tiers.map((tier) => `${tier.aboveTokens}:${RATE_NAMES.map((r) => tier.rates[r]).join('/')}`).join(',');
  if (tiers(before) !== tiers(after)) changes.push({ rate: 'long-context tiers', before: null, after: null });
  if (before.contextWindowTokens !== after.contextWindowTokens) {
    const window = (tokens: number | null) => (tokens === null ? null : BigInt(tokens));
    changes.push({
      rate: 'context window',
      before: window(before.contextWindowTokens),
      after: window(after.contextWindowTokens),
    });
  }
  return changes;
}

/** Compares two catalogs' models by provider and id: new, removed, and changed prices. */
export function diffCatalogs(before: PriceCatalog, after: PriceCatalog): PriceDiff {
  const key = (price: ModelPrice) => `${price.provider}/${price.id}`;
  const old = new Map(before.list().map((price) => [key(price), price]));
  const fresh = new Map(after.list().map((price) => [key(price), price]));
  const changed = [];
  for (const [name, price] of fresh) {
    const previous = old.get(name);
    const changes = previous ? rateChanges(previous, price) : [];
    if (changes.length > 0) changed.push({ price, changes });
  }
  return {
    added: [...fresh].filter(([name]) => !old.has(name)).map(([, price]) => price),
    removed: [...old].filter(([name]) => !fresh.has(name)).map(([, price]) => price),
    changed,
  };
}

/** Ids of the curated prices (`models.pricing.ts`), lower-cased: they win over the data. */
export function curatedModelIds(): Set<string> {
  const ids = new Set<string>();
  for (const price of curatedEntries(curatedPricing.models).values()) {
    ids.add(price.id.toLowerCase());
    for (const alias of price.aliases) ids.add(alias.toLowerCase());
  }
  return ids;
}

/** A curated price that new data now wins over, because the data was checked later. */
export interface CuratedOverride {
  readonly price: ModelPrice;
  readonly checkedDate: string;
  readonly curatedDate: string | null;
}

/** The curated prices of `models.pricing.ts` that `data` wins over (checked after their date). */
export function curatedOverrides(data: PriceCatalog): CuratedOverride[] {
  const overrides: CuratedOverride[] = [];
  for (const curated of curatedEntries(curatedPricing.models).values()) {
    const fresh = data.find(curated.id);
    if (fresh?.checkedDate && fresh.checkedDate > (curated.priceDate ?? '')) {
      overrides.push({ price: fresh, checkedDate: fresh.checkedDate, curatedDate: curated.priceDate });
    }
  }
  return overrides;
}
