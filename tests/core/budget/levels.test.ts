import { describe, expect, it } from 'vitest';
import { exactFraction, levelOf, type Thresholds } from '../../../src/core/budget/levels';

const standard: Thresholds = { warnAt: exactFraction(0.75), alertAt: exactFraction(0.9) };

describe('levelOf', () => {
  it.each([
    [0n, 'ok'],
    [74_999_999n, 'ok'],
    [75_000_000n, 'warn'],
    [75_000_001n, 'warn'],
    [89_999_999n, 'warn'],
    [90_000_000n, 'alert'],
    [90_000_001n, 'alert'],
    [99_999_999n, 'alert'],
    [100_000_000n, 'over'],
    [100_000_001n, 'over'],
  ] as const)('spent %s of a 100,000,000 limit is %s', (spent, level) => {
    expect(levelOf(spent, 100_000_000n, standard)).toBe(level);
  });

  it('treats a limit of 0 as used up from the start', () => {
    expect(levelOf(0n, 0n, standard)).toBe('over');
    expect(levelOf(1n, 0n, standard)).toBe('over');
  });

  it('compares exactly with a very large limit', () => {
    const limit = 10n ** 30n;
    const warn = (limit * 3n) / 4n;
    expect(levelOf(warn - 1n, limit, standard)).toBe('ok');
    expect(levelOf(warn, limit, standard)).toBe('warn');
    expect(levelOf(limit - 1n, limit, standard)).toBe('alert');
    expect(levelOf(limit, limit, standard)).toBe('over');
  });

  it('uses the decimal a fraction was written as, not its binary neighbour', () => {
    // 0.3 * 10 is 3.0000000000000004 in floating point; 3 of 10 is exactly 30%.
    const thirty: Thresholds = { warnAt: exactFraction(0.3), alertAt: exactFraction(0.7) };
    expect(levelOf(3n, 10n, thirty)).toBe('warn');
    expect(levelOf(2n, 10n, thirty)).toBe('ok');
    expect(levelOf(7n, 10n, thirty)).toBe('alert');
  });

  it('reaches alert directly when warn and alert are the same fraction', () => {
    const same: Thresholds = { warnAt: exactFraction(0.5), alertAt: exactFraction(0.5) };
    expect(levelOf(49n, 100n, same)).toBe('ok');
    expect(levelOf(50n, 100n, same)).toBe('alert');
  });
});

describe('exactFraction', () => {
  it('turns a decimal into an exact ratio', () => {
    expect(exactFraction(0.75)).toEqual({ numerator: 750_000_000_000n, denominator: 10n ** 12n });
    expect(exactFraction(1)).toEqual({ numerator: 10n ** 12n, denominator: 10n ** 12n });
  });
});
