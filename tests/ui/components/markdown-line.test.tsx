import { Box } from 'ink';
import { describe, expect, it } from 'vitest';
import { MarkdownLineView } from '../../../src/ui/components/markdown-line';
import { INITIAL_MARKDOWN_STATE, renderMarkdownLines } from '../../../src/ui/markdown';
import { render } from '../../helpers/render';

function renderReply(source: string): string {
  const { lines } = renderMarkdownLines(source.split('\n'), INITIAL_MARKDOWN_STATE);
  const view = render(
    <Box flexDirection="column">
      {lines.map((line, index) => (
        <MarkdownLineView key={index} line={line} />
      ))}
    </Box>,
  );
  const frame = view.frame();
  view.unmount();
  return frame;
}

describe('MarkdownLineView', () => {
  it('keeps the blank lines between paragraphs, headings and lists', () => {
    const frame = renderReply('# Title\n\nFirst paragraph.\n\n- one\n- two\n\nLast.');
    expect(frame.split('\n').map((line) => line.trimEnd())).toEqual([
      'Title',
      '',
      'First paragraph.',
      '',
      '• one',
      '• two',
      '',
      'Last.',
    ]);
  });

  it('keeps a blank line inside a code block', () => {
    const frame = renderReply('```\na\n\nb\n```');
    expect(frame.split('\n').map((line) => line.trimEnd())).toEqual(['```', 'a', '', 'b', '```']);
  });
});
