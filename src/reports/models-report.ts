import { picoToUsdString } from '../core/pricing/money';
import type { ModelPrice, Rates } from '../core/pricing/types';

/** Rates of one model or tier as exact decimal strings, USD per 1M tokens. */
export interface RatesJson {
  readonly input: string;
  readonly output: string;
  readonly cacheRead: string;
  readonly cacheWrite5m: string;
  readonly cacheWrite1h: string;
}

/** One model in `chatmeter models --json`. */
export interface ModelJson extends RatesJson {
  readonly provider: string;
  readonly model: string;
  readonly aliases: readonly string[];
  readonly contextWindow: number | null;
  /** Long-context tiers: the threshold in prompt tokens and the complete rates above it. */
  readonly tiers: readonly ({ readonly above: number } & RatesJson)[];
  readonly priceDate: string | null;
  readonly source: string | null;
}

/** `chatmeter models --json`: every price is an exact decimal string in USD per 1M tokens. */
export interface ModelsReportJson {
  readonly unit: 'USD per 1M tokens';
  readonly models: readonly ModelJson[];
}

/** USD per 1M tokens as exact decimal text, from micro-USD per 1M tokens. */
function usdPerMTok(microUsd: bigint): string {
  return picoToUsdString(microUsd * 1_000_000n);
}

function ratesJson(rates: Rates): RatesJson {
  return {
    input: usdPerMTok(rates.input),
    output: usdPerMTok(rates.output),
    cacheRead: usdPerMTok(rates.cacheRead),
    cacheWrite5m: usdPerMTok(rates.cacheWrite5m),
    cacheWrite1h: usdPerMTok(rates.cacheWrite1h),
  };
}

/** Builds the JSON form of the model list. */
export function modelsReportJson(models: readonly ModelPrice[]): ModelsReportJson {
  return {
    unit: 'USD per 1M tokens',
    models: models.map((price) => ({
      provider: price.provider,
      model: price.id,
      ...ratesJson(price.rates),
      aliases: price.aliases,
      contextWindow: price.contextWindowTokens,
      tiers: price.tiers.map((tier) => ({ above: tier.aboveTokens, ...ratesJson(tier.rates) })),
      priceDate: price.priceDate,
      source: price.source,
    })),
  };
}

/** Renders `chatmeter models --json` (pretty-printed, newline-terminated). */
export function renderModelsJson(models: readonly ModelPrice[]): string {
  return `${JSON.stringify(modelsReportJson(models), null, 2)}\n`;
}

/** A token count in compact form for the list: `128K`, `1.05M`, `2M`. */
export function compactTokens(tokens: number): string {
  if (tokens >= 1_000_000) return `${(tokens / 1_000_000).toFixed(2).replace(/\.?0+$/, '')}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}

function usd(microUsd: bigint): string {
  return `$${picoToUsdString(microUsd * 1_000_000n, 2)}`;
}

function cacheWriteCell(rates: Rates): string {
  if (rates.cacheWrite5m === rates.input && rates.cacheWrite1h === rates.input) return '-';
  return `${usd(rates.cacheWrite5m)} / ${usd(rates.cacheWrite1h)}`;
}

function tierCell(price: ModelPrice): string {
  if (price.tiers.length === 0) return '-';
  return price.tiers
    .map((t) => `>${compactTokens(t.aboveTokens)}: ${usd(t.rates.input)} / ${usd(t.rates.output)}`)
    .join(', ');
}

const HEADER = [
  'provider',
  'model',
  'input',
  'output',
  'cache read',
  'cache write 5m / 1h',
  'context',
  'long context (in / out)',
  'price date',
];
/** Columns whose cells are right-aligned (the figures). */
const RIGHT_ALIGNED = new Set([2, 3, 4, 6]);

/**
 * Renders the model list as an aligned text table: provider, model, input, output, cache read,
 * cache write prices (USD per 1M tokens), context window, long-context tier and price date,
 * then a two-line legend.
 */
export function renderModelsText(models: readonly ModelPrice[]): string {
  const rows = [
    HEADER,
    ...models.map((price) => [
      price.provider,
      price.id,
      usd(price.rates.input),
      usd(price.rates.output),
      price.rates.cacheRead === price.rates.input ? '-' : usd(price.rates.cacheRead),
      cacheWriteCell(price.rates),
      price.contextWindowTokens === null ? '-' : compactTokens(price.contextWindowTokens),
      tierCell(price),
      price.priceDate ?? '-',
    ]),
  ];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) =>
        RIGHT_ALIGNED.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd(),
  );
  lines.push(
    '',
    'Prices in USD per 1M tokens; "-": billed as uncached input. Long context: every token of a request whose prompt exceeds the threshold.',
    'A model not listed is unpriced (its tokens count, its cost shows as unpriced): add prices with --pricing FILE.',
  );
  return `${lines.join('\n')}\n`;
}
