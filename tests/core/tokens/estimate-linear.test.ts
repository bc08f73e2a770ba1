import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countInLinearTime, LONGEST_COUNTED_RUN } from '../../../src/core/tokens/estimate';

describe('countInLinearTime', () => {
  it('counts ordinary text exactly as the tokenizer does', () => {
    const text = 'The meter counts every token of a long conversation.\n\n  Twice. '.repeat(50);
    expect(countInLinearTime(text, countTokens)).toBe(countTokens(text));
  });

  it('counts a run without a break slice by slice, each slice once', () => {
    const slices: string[] = [];
    const run = 'y'.repeat(LONGEST_COUNTED_RUN * 3 + 10);
    const total = countInLinearTime(`a ${run} b`, (piece) => {
      slices.push(piece);
      return 1;
    });
    expect(slices).toEqual([
      'a ',
      'y'.repeat(LONGEST_COUNTED_RUN),
      'y'.repeat(LONGEST_COUNTED_RUN),
      'y'.repeat(LONGEST_COUNTED_RUN),
      'y'.repeat(10),
      ' b',
    ]);
    expect(total).toBe(6);
  });
});
