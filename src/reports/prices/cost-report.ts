import { type PriceOptions, type PricedUsage, ratesFor, scheduleFor } from '../../core/pricing/cost';
import { picoToUsdString } from '../../core/pricing/money';
import type { CostBreakdown, Rates } from '../../core/pricing/types';
import type { ReportedCost } from '../../core/usage/provider-cost';
import type { CostSource, Usage } from '../../core/usage/types';
import { exactUsd, providerCostLines } from './provider-cost';
import { formatCount, usdPerMTokText } from '../text/format';
import { alignColumns } from '../text/grid';

/** What `chatmeter cost` priced: the request, the normalised usage and its price. */
export interface CostReportInput {
  /** The model id as given with `--model`. */
  readonly model: string;
  readonly usage: Usage;
  readonly priced: PricedUsage;
  /** The service tier and date the usage was priced at (`--service-tier`, `--at`). */
  readonly options?: PriceOptions;
  /** `--at` as given, or absent for today's prices. */
  readonly at?: string;
  /** The charge the provider reported in the usage object (OpenRouter, xAI), if any. */
  readonly reportedCost?: ReportedCost;
}

/** `chatmeter cost --json` (DESIGN §4): costs as exact decimal USD strings. */
export interface CostReportJson {
  readonly model: string;
  /** The id of the price table entry used, or null when unpriced. */
  readonly resolvedModel: string | null;
  /** True when there is a cost: a list price, or the provider's reported charge. */
  readonly priced: boolean;
  /**
   * Exact total in USD: the provider's charge when the usage carries one, else the list price;
   * null when neither exists (never "0").
   */
  readonly costUsd: string | null;
  /** Which figure `costUsd` is. */
  readonly costSource: CostSource;
  /** Our list-price total, or null when the model (or its service tier) has no price. */
  readonly listCostUsd: string | null;
  /** The provider's reported charge (`usage.cost`, `cost_in_usd_ticks`), or null. */
  readonly providerCostUsd: string | null;
  /** The service tier priced at (`--service-tier`, or the body's `service_tier`), or null. */
  readonly serviceTier: string | null;
  /** The date whose prices were used (`--at`), or null for today's. */
  readonly at: string | null;
  /** Normalised buckets; `inputAudioTokens` / `outputAudioTokens` appear when non-zero. */
  readonly usage: Usage;
  /** Exact cost per bucket in USD; null when unpriced. */
  readonly breakdownUsd: {
    readonly input: string;
    readonly cacheRead: string;
    readonly cacheWrite5m: string;
    readonly cacheWrite1h: string;
    readonly output: string;
  } | null;
  /** The long-context tier applied (its threshold in prompt tokens), or null for base rates. */
  readonly tier: number | null;
}

/** Builds the JSON form of a cost report. */
export function costReportJson(input: CostReportInput): CostReportJson {
  const { price, cost } = input.priced;
  const list = cost === null ? null : cost.totalPicoUsd;
  const provider = input.reportedCost?.picoUsd ?? null;
  const total = provider ?? list;
  return {
    model: input.model,
    resolvedModel: price?.id ?? null,
    priced: total !== null,
    costUsd: total === null ? null : picoToUsdString(total),
    costSource: provider === null ? 'list' : 'provider',
    listCostUsd: list === null ? null : picoToUsdString(list),
    providerCostUsd: provider === null ? null : picoToUsdString(provider),
    serviceTier: input.options?.serviceTier ?? null,
    at: input.at ?? null,
    usage: { ...input.usage },
    breakdownUsd:
      cost === null
        ? null
        : {
            input: picoToUsdString(cost.inputPicoUsd),
            cacheRead: picoToUsdString(cost.cacheReadPicoUsd),
            cacheWrite5m: picoToUsdString(cost.cacheWrite5mPicoUsd),
            cacheWrite1h: picoToUsdString(cost.cacheWrite1hPicoUsd),
            output: picoToUsdString(cost.outputPicoUsd),
          },
    tier: cost?.tierAboveTokens ?? null,
  };
}

/** Renders `chatmeter cost --json`: one line of JSON and a newline. */
export function renderCostJson(input: CostReportInput): string {
  return `${JSON.stringify(costReportJson(input))}\n`;
}

/** A rate in micro-USD per 1M tokens as USD per 1M: `$0.075`. */
export function ratePerMTokUsd(microUsd: bigint): string {
  return `$${usdPerMTokText(microUsd, 2)}`;
}

interface Row {
  readonly label: string;
  readonly rate: keyof Omit<Rates, 'inputAudio' | 'outputAudio'>;
  readonly cost: keyof Omit<CostBreakdown, 'totalPicoUsd' | 'tierAboveTokens' | 'serviceTier'>;
}

const ROWS: readonly Row[] = [
  { label: 'input', rate: 'input', cost: 'inputPicoUsd' },
  { label: 'cache read', rate: 'cacheRead', cost: 'cacheReadPicoUsd' },
  { label: 'cache write 5m', rate: 'cacheWrite5m', cost: 'cacheWrite5mPicoUsd' },
  { label: 'cache write 1h', rate: 'cacheWrite1h', cost: 'cacheWrite1hPicoUsd' },
  { label: 'output', rate: 'output', cost: 'outputPicoUsd' },
];

/** The audio part shown under a bucket's row: its tokens and rate. */
const AUDIO_ROWS = {
  input: { tokens: (u: Usage) => u.inputAudioTokens ?? 0, rate: 'inputAudio' },
  output: { tokens: (u: Usage) => u.outputAudioTokens ?? 0, rate: 'outputAudio' },
} as const;

function tokensOf(usage: Usage, row: Row): number {
  switch (row.rate) {
    case 'input':
      return usage.inputTokens;
    case 'cacheRead':
      return usage.cacheReadTokens;
    case 'cacheWrite5m':
      return usage.cacheWrite5mTokens;
    case 'cacheWrite1h':
      return usage.cacheWrite1hTokens;
    case 'output':
      return usage.outputTokens;
  }
}

/**
 * Renders the readable form: the model line (with the service tier and `--at` date), then a table
 * of bucket, tokens, rate per 1M and exact cost (audio parts under input and output, at their own
 * rates), a total, the provider's charge when reported, and what cache reads saved. Unpriced
 * models show tokens and `unpriced`.
 */
export function renderCostText(input: CostReportInput): string {
  const { price, cost, cacheSavingsPicoUsd } = input.priced;
  const { usage } = input;
  const lines: string[] = [];
  const resolved = price && price.id !== input.model ? ` (priced as ${price.id})` : '';
  const tier = input.options?.serviceTier ? `  ${input.options.serviceTier} tier` : '';
  const unpriced = price && cost ? '' : input.reportedCost ? '  no list price' : '  unpriced';
  lines.push(`model  ${input.model}${resolved}${unpriced}${tier}`);
  if (input.at !== undefined) lines.push(`prices in force on ${input.at}`);
  if (cost?.tierAboveTokens != null) {
    lines.push(
      `tier   prompt above ${formatCount(cost.tierAboveTokens)} tokens: long-context rates`,
    );
  }
  lines.push('');
  const schedule = price && scheduleFor(price, input.options);
  const rates = schedule ? ratesFor(schedule, usage) : undefined;
  const table: string[][] = [['bucket', 'tokens', 'per 1M', 'cost']];
  for (const row of ROWS) {
    const label =
      row.rate === 'output' && usage.reasoningTokens > 0
        ? `output (${formatCount(usage.reasoningTokens)} reasoning)`
        : row.label;
    table.push([
      label,
      formatCount(tokensOf(usage, row)),
      rates ? ratePerMTokUsd(rates[row.rate]) : '-',
      cost ? exactUsd(cost[row.cost]) : 'unpriced',
    ]);
    const audio = row.rate === 'input' || row.rate === 'output' ? AUDIO_ROWS[row.rate] : null;
    if (audio && audio.tokens(usage) > 0) {
      const audioRate = rates ? ratePerMTokUsd(rates[audio.rate]) : '-';
      table.push(['  of which audio', formatCount(audio.tokens(usage)), audioRate, '']);
    }
  }
  const totalTokens = ROWS.reduce((sum, row) => sum + tokensOf(usage, row), 0);
  table.push([
    'total',
    formatCount(totalTokens),
    '',
    cost ? exactUsd(cost.totalPicoUsd) : 'unpriced',
  ]);
  const { line } = alignColumns(table, ['left', 'right', 'right', 'right']);
  lines.push(...table.map(line));
  lines.push(...providerCostLines(cost?.totalPicoUsd ?? null, input.reportedCost));
  if (cost && usage.cacheReadTokens > 0) {
    lines.push('', `cache saved ${exactUsd(cacheSavingsPicoUsd)} against the uncached input rate`);
  }
  return `${lines.join('\n')}\n`;
}
