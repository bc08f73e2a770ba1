import { formatUsd, picoToUsdString } from '../../core/pricing/money';

/** The mark on figures counted with a tokenizer instead of reported by the provider. */
export const ESTIMATED_MARK = '~';

/** An integer with thousands separators: `12345` -> `12,345`, `-1200` -> `-1,200`. */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const COMPACT_UNITS = [
  { size: 1e12, suffix: 'T' },
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
] as const;

/**
 * A token count for tables: the full number with separators up to 999,999 (`12,345`), then
 * three significant digits with a suffix (`1.52M`, `15.2M`, `152M`, `1.00B`).
 */
export function formatTokens(tokens: number): string {
  const abs = Math.abs(tokens);
  if (abs < 1e6) return formatCount(tokens);
  const sign = tokens < 0 ? '-' : '';
  for (const [index, { size, suffix }] of COMPACT_UNITS.entries()) {
    if (abs < size) continue;
    const scaled = abs / size;
    const decimals = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
    const text = scaled.toFixed(decimals);
    // 999.6M rounds to "1000": show it in the next unit up instead.
    const larger = COMPACT_UNITS[index - 1];
    if (Number(text) >= 1000 && larger !== undefined)
      return `${sign}${(abs / larger.size).toFixed(2)}${larger.suffix}`;
    return `${sign}${text}${suffix}`;
  }
  return formatCount(tokens);
}

/** A count with its noun: `1 call`, `2 calls`, `1,024 calls` (regular plurals only). */
export function countOf(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** A call's latency, the same in the chat and on one-shot's usage line: `850ms`, `1.2s`, `1m 05s`. */
export function formatLatency(latencyMs: number): string {
  // Thresholds on the rounded figure, so 999.6 ms is `1.0s`, never `1000ms`.
  if (latencyMs < 999.5) return `${Math.round(latencyMs)}ms`;
  if (latencyMs < 59_950) return `${(latencyMs / 1000).toFixed(1)}s`;
  const seconds = Math.round(latencyMs / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/**
 * A duration for people: `<1s`, `45s`, `3m 12s`, `1h 05m`, `2d 3h`. Rounds down to whole units.
 * @param durationMs milliseconds; negative counts as zero.
 */
export function formatDuration(durationMs: number): string {
  const totalSeconds = Math.floor(Math.max(0, durationMs) / 1000);
  if (totalSeconds < 1) return '<1s';
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

/**
 * `part` as a percentage of `whole`: `42%`, `3.4%` below 10%, `<0.1%` for a tiny non-zero share,
 * never `100%` unless `part === whole`. `-` when `whole` is zero.
 */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '-';
  const percent = (part / whole) * 100;
  if (part === 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  if (percent < 10) return `${percent.toFixed(1)}%`;
  if (part < whole && percent >= 99.5) return '99%';
  return `${Math.round(percent)}%`;
}

/** How a cost cell is shown. */
export interface CostDisplay {
  /** Prefix `~`: the figure rests on estimated token counts. */
  readonly estimated?: boolean;
  /** Prefix `≥`: some calls had no price, so the real cost is higher than shown. */
  readonly partial?: boolean;
  /** Text for a `null` (unpriced) cost. Default `unpriced`. */
  readonly unpricedText?: string;
}

/**
 * A cost in pico-USD for display (delegates to `formatUsd`: never `$0.00` for a non-zero
 * amount), `unpriced` for `null`, with `~` when estimated and `≥` when partly unpriced.
 */
export function formatCost(costPicoUsd: bigint | null, display: CostDisplay = {}): string {
  if (costPicoUsd === null) return display.unpricedText ?? 'unpriced';
  const mark = (display.estimated ? ESTIMATED_MARK : '') + (display.partial ? '≥' : '');
  return `${mark}${formatUsd(costPicoUsd)}`;
}

/** Exact decimal USD text of a pico-USD amount for JSON and CSV; `null` (unpriced) stays `null`. */
export function exactUsdOrNull(costPicoUsd: bigint | null): string | null {
  return costPicoUsd === null ? null : picoToUsdString(costPicoUsd);
}

/**
 * A price in micro-USD per 1M tokens (as the price table holds it) as exact decimal USD per 1M
 * tokens, with at least `minDecimals` decimals: `2500000n` -> `2.5`.
 */
export function usdPerMTokText(microUsdPerMTok: bigint, minDecimals = 0): string {
  return picoToUsdString(microUsdPerMTok * 1_000_000n, minDecimals);
}

/**
 * What cache writes cost over the uncached input rate and the net effect of caching (savings
 * minus that premium: the difference from not caching at all), both as exact USD:
 * `cache writes cost $0.0117 over the uncached input rate, so caching saved $0.0083 net`.
 */
export function cacheWriteSentence(savingsPicoUsd: bigint, premiumPicoUsd: bigint): string {
  const net = savingsPicoUsd - premiumPicoUsd;
  const effect =
    net >= 0n
      ? `so caching saved $${picoToUsdString(net)} net`
      : `so caching cost $${picoToUsdString(-net)} more than no cache`;
  return `cache writes cost $${picoToUsdString(premiumPicoUsd)} over the uncached input rate, ${effect}`;
}

/** Prefixes `text` with the estimated mark `~` when `estimated` is true. */
export function markEstimated(text: string, estimated: boolean): string {
  return estimated ? `${ESTIMATED_MARK}${text}` : text;
}
