import { parseDecimalScaled } from '../decimal';
import { UsageError } from '../errors';

/** Pico-USD in one USD (1e12). Money is integer pico-USD everywhere until displayed. */
export const PICO_PER_USD = 1_000_000_000_000n;

/** The shortest decimal text of a finite number (what JSON or a source literal meant). */
function numberText(value: number): string | null {
  return Number.isFinite(value) ? String(value) : null;
}

/**
 * Converts an amount in USD (decimal text or a number) into exact integer pico-USD.
 * Numbers use their shortest decimal representation, so `0.075` is exactly 75e9 pico-USD.
 * @throws UsageError when the value is not a decimal number or has more than 12 decimals.
 */
export function usdToPicoUsd(value: string | number): bigint {
  const text = typeof value === 'number' ? numberText(value) : value;
  const pico = text === null ? null : parseDecimalScaled(text, 12);
  if (pico === null) {
    throw new UsageError(
      `invalid USD amount "${String(value)}": expected a decimal number such as 5 or 0.25 (at most 12 decimals)`,
    );
  }
  return pico;
}

/**
 * A price in USD per 1M tokens (a finite number or decimal text) as integer micro-USD per 1M
 * tokens, or null when it is not a decimal number >= 0 with at most 6 decimals.
 */
export function parseUsdPerMTok(value: unknown): bigint | null {
  const text =
    typeof value === 'number' ? numberText(value) : typeof value === 'string' ? value : null;
  const micro = text === null ? null : parseDecimalScaled(text, 6);
  return micro === null || micro < 0n ? null : micro;
}

/**
 * A price from the genai-prices data as integer micro-USD per 1M tokens (1 pico-USD per token),
 * or null when it is not a decimal number >= 0. Exact for every price with at most 6 decimals;
 * the few finer values in the data are float artefacts (`0.18000000000000002`, `0.08333333333333334`)
 * and are rounded half up to the unit, which moves a cost by less than 1 pico-USD per token.
 */
export function dataPriceToMicroUsd(value: unknown): bigint | null {
  const text =
    typeof value === 'number' ? numberText(value) : typeof value === 'string' ? value : null;
  const atto = text === null ? null : parseDecimalScaled(text, 18);
  if (atto === null || atto < 0n) return null;
  const unit = 1_000_000_000_000n;
  return (atto + unit / 2n) / unit;
}

/**
 * Converts a price in USD per 1M tokens into integer micro-USD per 1M tokens (the unit of
 * `Rates`), so tokens x rate is exact pico-USD.
 * @throws UsageError when the value is not a decimal number, is negative, or has more than
 * 6 decimals (finer than one micro-USD per 1M tokens).
 */
export function usdPerMTokToMicroUsd(value: string | number): bigint {
  const micro = parseUsdPerMTok(value);
  if (micro === null) {
    throw new UsageError(
      `invalid price "${String(value)}": expected USD per 1M tokens, a number >= 0 with at most 6 decimals`,
    );
  }
  return micro;
}

/**
 * Exact decimal USD text of a pico-USD amount: no exponent, no trailing zeros beyond
 * `minDecimals` (default 0), `-` when negative. `172637500000n` -> `"0.1726375"`, `0n` -> `"0"`;
 * with `minDecimals` 2: `300000000000n` -> `"0.30"`.
 */
export function picoToUsdString(pico: bigint, minDecimals = 0): string {
  const negative = pico < 0n;
  const abs = negative ? -pico : pico;
  const whole = abs / PICO_PER_USD;
  const frac = (abs % PICO_PER_USD)
    .toString()
    .padStart(12, '0')
    .replace(/0+$/, '')
    .padEnd(Math.min(12, minDecimals), '0');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Options of `formatUsd`. */
export interface FormatUsdOptions {
  /** Fixed number of decimals (still never rounds a non-zero amount to zero). Default: auto. */
  readonly decimals?: number;
  /** What to show for `null` (an unpriced cost). Default `n/a`. */
  readonly nullText?: string;
}

/** Smallest amount `formatUsd` shows digits for: $0.000001. Less is shown as `<$0.000001`. */
const DUST_PICO = 1_000_000n;
const MAX_DECIMALS = 6;

function roundToDecimals(abs: bigint, decimals: number): string {
  const unit = 10n ** BigInt(12 - decimals);
  const rounded = (abs + unit / 2n) / unit;
  const text = rounded.toString().padStart(decimals + 1, '0');
  const whole = text.slice(0, text.length - decimals);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return decimals === 0 ? grouped : `${grouped}.${text.slice(text.length - decimals)}`;
}

/** Decimals needed to show two significant digits of a sub-dollar amount (at least 2). */
function autoDecimals(abs: bigint): number {
  if (abs >= PICO_PER_USD) return 2;
  const digits = abs.toString().length; // abs < 1e12, so 12 - digits leading zeros after "0."
  return Math.min(MAX_DECIMALS, Math.max(2, 12 - digits + 2));
}

/**
 * Formats pico-USD for display: `$12.35`, `$1,204.00`, `$0.0034`, `-$0.17`. Amounts >= $1 get
 * 2 decimals; smaller ones two significant digits (up to 6 decimals, no trailing zero past the
 * cents: `$0.05`, `$0.007`); a non-zero amount is never
 * shown as `$0.00` (dust below $0.000001 is `<$0.000001`). `null` (unpriced) gives
 * `options.nullText`, `n/a` by default; callers decide how to mark unpriced figures.
 */
export function formatUsd(pico: bigint | null, options: FormatUsdOptions = {}): string {
  if (pico === null) return options.nullText ?? 'n/a';
  if (pico === 0n) return `$${roundToDecimals(0n, options.decimals ?? 2)}`;
  const sign = pico < 0n ? '-' : '';
  const abs = pico < 0n ? -pico : pico;
  if (abs < DUST_PICO) return `${sign === '-' ? '>-' : '<'}$0.000001`;
  let decimals = options.decimals ?? autoDecimals(abs);
  if (/^[0,.]*$/.test(roundToDecimals(abs, decimals))) decimals = autoDecimals(abs);
  const text = roundToDecimals(abs, decimals);
  // Auto decimals show two significant digits, but never a trailing zero past the cents:
  // $0.05 and $0.007, not $0.050 and $0.0070.
  const trimmed = options.decimals === undefined ? text.replace(/(\.\d{2}\d*?)0+$/, '$1') : text;
  return `${sign}$${trimmed}`;
}
