import { picoToUsdString } from '../../core/pricing/money';
import { listPriceDiffers, type ReportedCost } from '../../core/usage/provider-cost';
import type { CallRecord } from '../../core/usage/types';
import { formatCost } from '../text/format';

/** Exact USD with a dollar sign: `$0.1726375`, `$0`. */
export function exactUsd(pico: bigint): string {
  return pico < 0n ? `-$${picoToUsdString(-pico, 2)}` : `$${picoToUsdString(pico, 2)}`;
}

/**
 * How far a provider's charge is from the list price, as a signed percentage of the list price
 * rounded to one decimal (`+7.9%`, `-12.0%`). Display only: the figures themselves stay exact.
 */
export function differencePercent(listPicoUsd: bigint, providerPicoUsd: bigint): string {
  // Hundredths of a percent (truncated), then rounded half away from zero to tenths.
  const hundredths = ((providerPicoUsd - listPicoUsd) * 10000n) / listPicoUsd;
  const tenths = (hundredths + (hundredths < 0n ? -5n : 5n)) / 10n;
  const sign = tenths < 0n ? '-' : '+';
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${abs / 10n}.${abs % 10n}%`;
}

/**
 * The lines under `chatmeter cost`'s table when the usage carried the provider's charge: the
 * charge (which is the cost), the list price beside it, and a note when they differ by more
 * than 1%. Empty when the provider reported nothing.
 */
export function providerCostLines(
  listPicoUsd: bigint | null,
  reported: ReportedCost | undefined,
): string[] {
  if (!reported) return [];
  const charged = `charged ${exactUsd(reported.picoUsd)} as reported by the provider (usage.${reported.field})`;
  if (listPicoUsd === null) return ['', `${charged}; no list price for this model`];
  const figures = { listCostPicoUsd: listPicoUsd, providerCostPicoUsd: reported.picoUsd };
  const differs = listPriceDiffers(figures)
    ? listPicoUsd === 0n
      ? '; differs from the list price'
      : `; ${differencePercent(listPicoUsd, reported.picoUsd)} against the list price`
    : '';
  return ['', `${charged}; list price ${exactUsd(listPicoUsd)}${differs}`];
}

/**
 * What follows a call's cost when it is the provider's charge: ` (provider's)`, with the list
 * price and the gap when they differ by more than 1%; empty for a list-priced call.
 */
export function providerCostMark(
  call: Pick<CallRecord, 'costPicoUsd' | 'costSource' | 'listCostPicoUsd'>,
): string {
  if (call.costSource !== 'provider' || call.costPicoUsd === null) return '';
  const list = call.listCostPicoUsd ?? null;
  const figures = { listCostPicoUsd: list, providerCostPicoUsd: call.costPicoUsd };
  if (list === null || !listPriceDiffers(figures)) return " (provider's)";
  const gap = list === 0n ? '' : `, ${differencePercent(list, call.costPicoUsd)}`;
  return ` (provider's; list ${formatCost(list)}${gap})`;
}
