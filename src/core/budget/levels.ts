import { parseDecimalScaled } from '../decimal';

/** How much of a limit is spent: below warn, from warn, from alert, or used up (spent >= limit). */
export type BudgetLevel = 'ok' | 'warn' | 'alert' | 'over';

/** Levels from least to most severe. */
export const BUDGET_LEVELS: readonly BudgetLevel[] = ['ok', 'warn', 'alert', 'over'];

/** Severity rank of a level: ok 0 ... over 3. */
export function levelRank(level: BudgetLevel): number {
  return BUDGET_LEVELS.indexOf(level);
}

/** An exact fraction `numerator / denominator` (denominator > 0). */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const FRACTION_SCALE = 12;

/**
 * The exact fraction a decimal number stands for (`0.75` -> 75/100 as 75e10/1e12), taken from
 * its shortest decimal text so no binary rounding leaks into comparisons. Digits past the 12th
 * decimal are rounded.
 */
export function exactFraction(value: number): Fraction {
  const denominator = 10n ** BigInt(FRACTION_SCALE);
  const numerator =
    parseDecimalScaled(String(value), FRACTION_SCALE) ?? BigInt(Math.round(value * 1e12));
  return { numerator, denominator };
}

/** The warn and alert fractions of every limit. */
export interface Thresholds {
  readonly warnAt: Fraction;
  readonly alertAt: Fraction;
}

function reached(spentPicoUsd: bigint, limitPicoUsd: bigint, at: Fraction): boolean {
  return spentPicoUsd * at.denominator >= limitPicoUsd * at.numerator;
}

/**
 * The level of `spentPicoUsd` against `limitPicoUsd`, compared exactly in integers: `over` when
 * spent >= limit (a limit of 0 is used up at once), else `alert` from `alertAt` of the limit,
 * `warn` from `warnAt`, else `ok`. Reaching a threshold exactly counts as reaching it.
 */
export function levelOf(
  spentPicoUsd: bigint,
  limitPicoUsd: bigint,
  thresholds: Thresholds,
): BudgetLevel {
  if (spentPicoUsd >= limitPicoUsd) return 'over';
  if (reached(spentPicoUsd, limitPicoUsd, thresholds.alertAt)) return 'alert';
  if (reached(spentPicoUsd, limitPicoUsd, thresholds.warnAt)) return 'warn';
  return 'ok';
}
