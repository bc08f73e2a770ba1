import { describe, expect, it } from 'vitest';
import { markdownCell, renderMarkdownTable } from '../../src/reports/text/grid';
import { markdownCells } from './usage-fixtures';

describe('Markdown table cells', () => {
  it.each([
    ['plain text', 'gpt-5', 'gpt-5'],
    ['a pipe', 'a|b', 'a\\|b'],
    ['a backslash', 'C:\\x', 'C:\\\\x'],
    ['an estimate mark (GFM strikethrough)', '~356', '\\~356'],
    ['line breaks', 'a\nb\r\nc\rd', 'a b c d'],
  ])('escapes %s', (_name, text, expected) => {
    expect(markdownCell(text)).toBe(expected);
  });

  it('round-trips through a table: same cell count on every line, text restored', () => {
    const table = renderMarkdownTable({
      headers: ['model', 'input'],
      align: ['left', 'right'],
      rows: [
        ['a|b', '~1'],
        ['x\\', '2'],
      ],
      total: ['total', '~3'],
    }).trimEnd();
    const lines = table.split('\n');
    expect(lines.filter((_, i) => i !== 1).map(markdownCells)).toEqual([
      ['model', 'input'],
      ['a|b', '~1'],
      ['x\\', '2'],
      ['**total**', '**~3**'],
    ]);
  });
});
