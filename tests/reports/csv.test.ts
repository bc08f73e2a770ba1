import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/reports/text/csv';

describe('CSV fields', () => {
  it.each([
    ['plain text', 'gpt-5', 'gpt-5'],
    ['a number, written exactly', 1234567, '1234567'],
    ['a comma', 'a,b', '"a,b"'],
    ['quotes, doubled', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'a\nb', '"a\nb"'],
    ['a carriage return', 'a\rb', '"a\rb"'],
    ['a leading space', ' x', '" x"'],
    ['a trailing space', 'x ', '"x "'],
    ['null, as an empty cell', null, ''],
    ['a boolean', true, 'true'],
  ])('writes %s', (_name, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('joins rows with commas and ends every line with \\n', () => {
    expect(toCsv([['model', 'cost_usd'], ['a,b', '0.5']])).toBe('model,cost_usd\n"a,b",0.5\n');
  });
});
