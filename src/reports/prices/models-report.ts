import { originLabel } from '../../core/pricing/data-age';
import type { ModelPrice, PriceOrigin, Rates } from '../../core/pricing/types';
import { usdPerMTokText } from '../text/format';
import { alignColumns } from '../text/grid';

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
  /** Where the price comes from: the bundled or refreshed data, curated, or the user's. */
  readonly origin: PriceOrigin;
}

/** `chatmeter models --json`: every price is an exact decimal string in USD per 1M tokens. */
export interface ModelsReportJson {
  readonly unit: 'USD per 1M tokens';
  readonly models: readonly ModelJson[];
}

function ratesJson(rates: Rates): RatesJson {
  return {
    input: usdPerMTokText(rates.input),
    output: usdPerMTokText(rates.output),
    cacheRead: usdPerMTokText(rates.cacheRead),
    cacheWrite5m: usdPerMTokText(rates.cacheWrite5m),
    cacheWrite1h: usdPerMTokText(rates.cacheWrite1h),
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
      origin: price.origin,
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

/** A rate as a plain decimal with at least 2 decimals (the unit is in the heading). */
function rate(microUsd: bigint): string {
  return usdPerMTokText(microUsd, 2);
}

/** A rate, or `-` when it is billed as uncached input. */
function rateOrInput(microUsd: bigint, input: bigint): string {
  return microUsd === input ? '-' : rate(microUsd);
}

function tierCell(price: ModelPrice): string {
  if (price.tiers.length === 0) return '-';
  return price.tiers
    .map(
      (t) => `>${compactTokens(t.aboveTokens)}: ${rate(t.rates.input)}/${rate(t.rates.output)}`,
    )
    .join(', ');
}

const HEADER = [
  'model',
  'input',
  'output',
  'cached',
  'write 5m',
  'write 1h',
  'context',
  'long context in/out',
];
/** Model and long-context cells are left-aligned, the figures between them right-aligned. */
const ALIGN = HEADER.map((_, i) => (i === 0 || i === HEADER.length - 1 ? 'left' : 'right'));

function modelRow(price: ModelPrice): string[] {
  const { rates } = price;
  return [
    `  ${price.id}`,
    rate(rates.input),
    rate(rates.output),
    rateOrInput(rates.cacheRead, rates.input),
    rateOrInput(rates.cacheWrite5m, rates.input),
    rateOrInput(rates.cacheWrite1h, rates.input),
    price.contextWindowTokens === null ? '-' : compactTokens(price.contextWindowTokens),
    tierCell(price),
  ];
}

function originOf(price: ModelPrice): string {
  return `${originLabel(price)}  ${price.source ?? 'no source'}`;
}

/** The most common origin (price date and source) of a provider's models. */
function mainOrigin(group: readonly ModelPrice[]): string {
  const counts = new Map<string, number>();
  for (const price of group) counts.set(originOf(price), (counts.get(originOf(price)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * Renders the model list as text: per provider a heading with the price date and source, then
 * one aligned row per model: input, output, cached input and cache write (5m, 1h) prices in USD
 * per 1M tokens, context window and long-context tier. Models priced elsewhere (a pricing file)
 * are listed under their group with their origin. Ends with how to add a price.
 */
export function renderModelsText(models: readonly ModelPrice[]): string {
  const groups = new Map<string, ModelPrice[]>();
  for (const price of models)
    groups.set(price.provider, [...(groups.get(price.provider) ?? []), price]);
  const { line: align } = alignColumns([HEADER, ...models.map(modelRow)], ALIGN);
  const lines = ['Prices in USD per 1M tokens; "-": billed as uncached input.', '', align(HEADER)];
  for (const [provider, group] of groups) {
    const origin = mainOrigin(group);
    lines.push(`${provider}  ${origin}`);
    lines.push(...group.map((price) => align(modelRow(price))));
    for (const price of group.filter((p) => originOf(p) !== origin)) {
      lines.push(`    ${price.id}: ${originOf(price)}`);
    }
  }
  lines.push(
    '',
    'Long context: a request whose prompt exceeds the threshold is billed at those rates.',
    'Origins: bundled / refreshed = genai-prices data (chatmeter models update refreshes it),',
    'curated = models.pricing.ts, yours = --pricing or config. --all lists every priced model.',
    'A model not listed is unpriced (tokens count, cost unknown): add it with --pricing FILE.',
  );
  return `${lines.join('\n')}\n`;
}
