import { describe, expect, it } from 'vitest';
import {
  INITIAL_MARKDOWN_STATE,
  markdownLineText,
  parseInline,
  renderMarkdownLines,
} from '../../src/ui/markdown';

function renderText(source: string): string[] {
  return renderMarkdownLines(source.split('\n'), INITIAL_MARKDOWN_STATE).lines.map(
    markdownLineText,
  );
}

describe('markdown rendering', () => {
  it('renders headings, lists, quotes and rules readably', () => {
    expect(renderText('## Plan\n- one\n* two\n  + nested\n3. three\n> quoted\n---')).toEqual([
      'Plan',
      '• one',
      '• two',
      '  • nested',
      '3. three',
      '│ quoted',
      '─'.repeat(24),
    ]);
  });

  it('keeps fenced code blocks intact, markup and indentation included', () => {
    const source = '```python\ndef f(x):\n    return x**2  # *not italic*\n\n```\nafter **bold**';
    const { lines } = renderMarkdownLines(source.split('\n'), INITIAL_MARKDOWN_STATE);
    expect(lines.map((l) => l.kind)).toEqual(['fence', 'code', 'code', 'code', 'fence', 'text']);
    expect(lines.map(markdownLineText)).toEqual([
      '```python',
      'def f(x):',
      '    return x**2  # *not italic*',
      '',
      '```',
      'after bold',
    ]);
  });

  it('carries the open code block across calls (a streamed reply)', () => {
    const first = renderMarkdownLines(['~~~', '# not a heading'], INITIAL_MARKDOWN_STATE);
    expect(first.state.fence).toBe('~~~');
    const second = renderMarkdownLines(['~~~', '# heading'], first.state);
    expect(second.lines.map((l) => l.kind)).toEqual(['fence', 'heading']);
    expect(second.state).toEqual(INITIAL_MARKDOWN_STATE);
  });

  it('splits inline bold, italic, code and links into spans', () => {
    expect(parseInline('use `a*b` for **x** or *y*, see [docs](https://x.dev) snake_case')).toEqual(
      [
        { text: 'use ', style: 'plain' },
        { text: 'a*b', style: 'code' },
        { text: ' for ', style: 'plain' },
        { text: 'x', style: 'bold' },
        { text: ' or ', style: 'plain' },
        { text: 'y', style: 'italic' },
        { text: ', see docs <https://x.dev> snake_case', style: 'plain' },
      ],
    );
  });

  it('leaves unmatched markers as text', () => {
    expect(parseInline('2 * 3 = 6 and **open')).toEqual([
      { text: '2 * 3 = 6 and **open', style: 'plain' },
    ]);
  });
});
