import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimalScaled } from '../../../src/core/decimal';
import { UsageError } from '../../../src/core/errors';
import {
  formatUsd,
  picoToUsdString,
  usdPerMTokToMicroUsd,
  usdToPicoUsd,
} from '../../../src/core/pricing/money';

describe('picoToUsdString', () => {
  it.each([
    [172_637_500_000n, '0.1726375'],
    [0n, '0'],
    [1_200_006_000_000n, '1.200006'],
    [1n, '0.000000000001'],
    [-10_000_000_000n, '-0.01'],
    [5_000_000_000_000n, '5'],
  ])('writes %s pico-USD as %s', (pico, text) => {
    expect(picoToUsdString(pico)).toBe(text);
  });

  it('pads to a minimum number of decimals when asked', () => {
    expect(picoToUsdString(300_000_000_000n, 2)).toBe('0.30');
    expect(picoToUsdString(3_000_000_000_000n, 2)).toBe('3.00');
    expect(picoToUsdString(75_000_000_000n, 2)).toBe('0.075');
  });

  it('round-trips through usdToPicoUsd for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (pico) => {
        return usdToPicoUsd(picoToUsdString(pico)) === pico;
      }),
    );
  });
});

describe('usdToPicoUsd', () => {
  it.each([
    ['0.075', 75_000_000_000n],
    [0.075, 75_000_000_000n],
    [0.1, 100_000_000_000n],
    [1e-7, 100_000n],
    ['1e-7', 100_000n],
    ['12', 12_000_000_000_000n],
    ['-0.5', -500_000_000_000n],
    ['.5', 500_000_000_000n],
    ['0.000000000001', 1n],
  ])('reads %s exactly', (value, pico) => {
    expect(usdToPicoUsd(value)).toBe(pico);
  });

  it.each(['abc', '', '1.2.3', '0.0000000000001', 'NaN', '1e999999999', '1e-999999999'])(
    'rejects %j with a UsageError',
    (value) => {
      expect(() => usdToPicoUsd(value)).toThrow(UsageError);
    },
  );

  it('rejects a non-finite number', () => {
    expect(() => usdToPicoUsd(Number.POSITIVE_INFINITY)).toThrow('invalid USD amount');
  });
});

describe('usdPerMTokToMicroUsd', () => {
  it('turns USD per 1M tokens into integer micro-USD per 1M tokens', () => {
    expect(usdPerMTokToMicroUsd(0.075)).toBe(75_000n);
    expect(usdPerMTokToMicroUsd('1.5625')).toBe(1_562_500n);
    expect(usdPerMTokToMicroUsd(0)).toBe(0n);
  });

  it('rejects negative prices and prices finer than one micro-USD per 1M', () => {
    expect(() => usdPerMTokToMicroUsd(-1)).toThrow('a number >= 0 with at most 6 decimals');
    expect(() => usdPerMTokToMicroUsd('0.0000001')).toThrow(UsageError);
  });
});

describe('parseDecimalScaled', () => {
  it('accepts trailing zeros beyond the scale but not significant digits', () => {
    expect(parseDecimalScaled('1.5000000', 6)).toBe(1_500_000n);
    expect(parseDecimalScaled('1.5000001', 6)).toBeNull();
  });
});

describe('formatUsd', () => {
  it.each([
    [12_345_000_000_000n, '$12.35'],
    [1_204_000_000_000_000n, '$1,204.00'],
    [3_400_000_000n, '$0.0034'],
    [172_637_500_000n, '$0.17'],
    [567_000_000n, '$0.00057'],
    [8_100_000n, '$0.000008'],
    [999_999n, '<$0.000001'],
    [0n, '$0.00'],
    [-172_637_500_000n, '-$0.17'],
  ])('shows %s pico-USD as %s', (pico, text) => {
    expect(formatUsd(pico)).toBe(text);
  });

  it('never shows a non-zero amount as $0.00, even with fixed decimals', () => {
    expect(formatUsd(4_000_000_000n, { decimals: 2 })).toBe('$0.0040');
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 16n }), (pico) => formatUsd(pico) !== '$0.00'),
    );
  });

  it('keeps fixed decimals when they show the amount', () => {
    expect(formatUsd(1_500_000_000_000n, { decimals: 4 })).toBe('$1.5000');
  });

  it('shows null (unpriced) as n/a or the given text', () => {
    expect(formatUsd(null)).toBe('n/a');
    expect(formatUsd(null, { nullText: 'unpriced' })).toBe('unpriced');
  });
});
