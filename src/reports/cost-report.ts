import { type PricedUsage, ratesFor } from '../core/pricing/cost';
import { picoToUsdString } from '../core/pricing/money';
import type { CostBreakdown, Rates } from '../core/pricing/types';
import type { Usage } from '../core/usage/types';
import { formatCount, usdPerMTokText } from './format';
import { alignColumns } from './usage-grid';

/** What `chatmeter cost` priced: the request, the normalised usage and its price. */
export interface CostReportInput {
  /** The model id as given with `--model`. */
  readonly model: string;
  readonly usage: Usage;
  readonly priced: PricedUsage;
}

/** `chatmeter cost --json` (DESIGN §4): costs as exact decimal USD strings. */
export interface CostReportJson {
  readonly model: string;
  /** The id of the price table entry used, or null when unpriced. */
  readonly resolvedModel: string | null;
  readonly priced: boolean;
  /** Exact total in USD, or null when the model has no price (never "0"). */
  readonly costUsd: string | null;
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
  return {
    model: input.model,
    resolvedModel: price?.id ?? null,
    priced: cost !== null,
    costUsd: cost === null ? null : picoToUsdString(cost.totalPicoUsd),
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

/** Exact USD with a dollar sign: `$0.1726375`, `$0`. */
function exactUsd(pico: bigint): string {
  return pico < 0n ? `-$${picoToUsdString(-pico, 2)}` : `$${picoToUsdString(pico, 2)}`;
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
 * Renders the readable form: the model line, then a table of bucket, tokens, rate per 1M and
 * exact cost, a total, and what cache reads saved. Unpriced models show tokens and `unpriced`.
 */
export function renderCostText(input: CostReportInput): string {
  const { price, cost, cacheSavingsPicoUsd } = input.priced;
  const { usage } = input;
  const lines: string[] = [];
  const resolved = price && price.id !== input.model ? ` (priced as ${price.id})` : '';
  lines.push(`model  ${input.model}${resolved}${price ? '' : '  unpriced'}`);
  if (cost?.tierAboveTokens != null) {
    lines.push(
      `tier   prompt above ${formatCount(cost.tierAboveTokens)} tokens: long-context rates`,
    );
  }
  lines.push('');
  const rates = price ? ratesFor(price, usage) : undefined;
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
  if (cost && usage.cacheReadTokens > 0) {
    lines.push('', `cache saved ${exactUsd(cacheSavingsPicoUsd)} against the uncached input rate`);
  }
  return `${lines.join('\n')}\n`;
}
