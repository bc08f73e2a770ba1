import { describe, expect, it } from 'vitest';
import {
  countOf,
  formatCost,
  formatCount,
  formatDuration,
  formatLatency,
  formatPercent,
  formatTokens,
  markEstimated,
} from '../../src/reports/text/format';
import { displayWidth, pad, paint } from '../../src/reports/text/paint';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [12345, '12,345'],
    [1234567, '1,234,567'],
    [-1200, '-1,200'],
  ])('formats %d as %s', (value, text) => {
    expect(formatCount(value)).toBe(text);
  });
});

describe('formatTokens', () => {
  it.each([
    [0, '0'],
    [12_345, '12,345'],
    [999_999, '999,999'],
    [1_000_000, '1.00M'],
    [1_524_999, '1.52M'],
    [15_240_000, '15.2M'],
    [152_400_000, '152M'],
    [999_600_000, '1.00B'],
    [2_500_000_000, '2.50B'],
    [3_000_000_000_000, '3.00T'],
  ])('formats %d tokens as %s', (tokens, text) => {
    expect(formatTokens(tokens)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '<1s'],
    [999, '<1s'],
    [45_000, '45s'],
    [192_000, '3m 12s'],
    [65_000, '1m 05s'],
    [3_900_000, '1h 05m'],
    [2 * 86_400_000 + 3 * 3_600_000, '2d 3h'],
    [-5, '<1s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('countOf', () => {
  it.each([
    [0, '0 calls'],
    [1, '1 call'],
    [2, '2 calls'],
    [1024, '1,024 calls'],
  ])('writes %d as %s', (count, text) => {
    expect(countOf(count, 'call')).toBe(text);
  });
});

describe('formatLatency', () => {
  it.each([
    [0, '0ms'],
    [849.6, '850ms'],
    [999.4, '999ms'],
    [999.6, '1.0s'],
    [1000, '1.0s'],
    [1234, '1.2s'],
    [59_940, '59.9s'],
    [59_960, '1m 00s'],
    [65_000, '1m 05s'],
    [600_000, '10m 00s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });
});

describe('formatPercent', () => {
  it.each([
    [0, 100, '0%'],
    [42, 100, '42%'],
    [34, 1000, '3.4%'],
    [1, 10_000, '<0.1%'],
    [996, 1000, '99%'],
    [1000, 1000, '100%'],
    [5, 0, '-'],
  ])('formats %d of %d as %s', (part, whole, text) => {
    expect(formatPercent(part, whole)).toBe(text);
  });
});

describe('formatCost', () => {
  it('never shows a non-zero cost as $0.00', () => {
    expect(formatCost(1n)).not.toMatch(/^\$0\.0+$/);
    expect(formatCost(4_000_000n)).toBe('$0.000004');
    expect(formatCost(3_400_000_000n)).toBe('$0.0034');
  });

  it('shows zero as $0.00, dollars with cents, and unpriced for null', () => {
    expect(formatCost(0n)).toBe('$0.00');
    expect(formatCost(4_567_000_000_000n)).toBe('$4.57');
    expect(formatCost(null)).toBe('unpriced');
  });

  it('marks estimated (~) and partly unpriced (≥) costs', () => {
    expect(formatCost(4_567_000_000_000n, { estimated: true })).toBe('~$4.57');
    expect(formatCost(4_567_000_000_000n, { partial: true })).toBe('≥$4.57');
  });
});

describe('text helpers', () => {
  it('marks estimated figures with ~ only when asked', () => {
    expect(markEstimated('12', true)).toBe('~12');
    expect(markEstimated('12', false)).toBe('12');
  });

  it('colours only when colour is on, and measures width without ANSI', () => {
    expect(paint(false).bold('x')).toBe('x');
    const bold = paint(true).bold('total');
    expect(bold).toBe('\u001b[1mtotal\u001b[22m');
    expect(displayWidth(bold)).toBe(5);
    expect(pad(bold, 7, 'right')).toBe(`  ${bold}`);
    expect(pad('ab', 4, 'left')).toBe('ab  ');
  });

  it.each([
    ['plain ASCII', 'gpt-4o  $1.25 ~', 15],
    ['accented letters (one column each)', 'résumé', 6],
    ['a character outside the BMP (one code point)', 'x𝔸y', 3],
    ['a colour sequence around ASCII', '\u001b[2mdim\u001b[22m', 3],
  ])('measures %s', (_, text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});
