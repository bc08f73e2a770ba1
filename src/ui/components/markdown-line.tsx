import { Text } from 'ink';
import { type MarkdownLine, QUOTE_MARK, RULE_TEXT, type Span } from '../markdown';
import { tint, useTheme } from '../theme';

/** Props of `MarkdownLineView`. */
export interface MarkdownLineProps {
  readonly line: MarkdownLine;
}

function Spans({ spans }: { readonly spans: readonly Span[] }) {
  const theme = useTheme();
  return spans.map((span, index) => {
    const key = `${index}:${span.style}`;
    switch (span.style) {
      case 'bold':
        return (
          <Text key={key} bold>
            {span.text}
          </Text>
        );
      case 'italic':
        return (
          <Text key={key} italic>
            {span.text}
          </Text>
        );
      case 'code':
        return (
          <Text key={key} color={tint(theme, 'yellow')}>
            {theme.color ? span.text : `\`${span.text}\``}
          </Text>
        );
      default:
        return <Text key={key}>{span.text}</Text>;
    }
  });
}

/** One rendered line of a reply (see `markdown.ts`). */
export function MarkdownLineView({ line }: MarkdownLineProps) {
  const theme = useTheme();
  switch (line.kind) {
    case 'heading':
      return (
        <Text bold color={tint(theme, 'cyan')} underline={line.level === 1}>
          <Spans spans={line.spans} />
        </Text>
      );
    case 'text':
      // Ink gives an empty Text no height: a blank line between paragraphs needs a space.
      if (line.prefix === '' && line.spans.length === 0) return <Text> </Text>;
      return (
        <Text>
          {line.prefix}
          <Spans spans={line.spans} />
        </Text>
      );
    case 'quote':
      return (
        <Text dimColor>
          {QUOTE_MARK}
          <Spans spans={line.spans} />
        </Text>
      );
    case 'fence':
      return <Text dimColor>{line.text}</Text>;
    case 'code':
      return <Text color={tint(theme, 'green')}>{line.text === '' ? ' ' : line.text}</Text>;
    case 'rule':
      return <Text dimColor>{RULE_TEXT}</Text>;
    default: {
      const unreachable: never = line;
      return unreachable;
    }
  }
}
