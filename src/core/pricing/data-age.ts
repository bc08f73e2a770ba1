import type { PriceDataInfo } from './types';

/** Price data older than this many days gets a warning where prices are listed. */
export const STALE_AFTER_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from the data's date to `nowMs` (0 for a date in the future). */
export function priceDataAgeDays(info: PriceDataInfo, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(`${info.date}T00:00:00Z`)) / DAY_MS));
}

/**
 * One line warning that the price data in use is more than {@link STALE_AFTER_DAYS} days old,
 * saying how to refresh it; null when it is recent enough.
 */
export function staleDataWarning(info: PriceDataInfo, nowMs: number): string | null {
  const days = priceDataAgeDays(info, nowMs);
  if (days <= STALE_AFTER_DAYS) return null;
  const what =
    info.origin === 'bundled'
      ? `bundled price data is from ${info.date}`
      : `price data was last refreshed on ${info.date}`;
  return `the ${what} (${days} days ago): prices may have changed since; run chatmeter models update to refresh them.`;
}

/** Where a price comes from, for lists: `bundled 2026-08-21`, `curated 2026-02-20`, `yours`. */
export function originLabel(price: {
  readonly origin: string;
  readonly priceDate: string | null;
}): string {
  if (price.origin === 'user') return 'yours';
  return price.priceDate === null ? price.origin : `${price.origin} ${price.priceDate}`;
}
