import { Box, Text } from 'ink';
import type { TranscriptItem } from '../state/repl-reducer';
import { tint, useTheme } from '../theme';
import { MarkdownLineView } from './markdown-line';

/** Props of `TranscriptItemView`. */
export interface TranscriptItemProps {
  readonly item: TranscriptItem;
}

// Info notices show at start-up: an ASCII mark keeps the first frame cheap (see input-line.tsx).
const NOTICE_MARK = { info: '-', warn: '!', error: '✗' } as const;
const NOTICE_COLOR = { info: 'cyan', warn: 'yellow', error: 'red' } as const;

/** One finished transcript item, drawn once into `<Static>`. */
export function TranscriptItemView({ item }: TranscriptItemProps) {
  const theme = useTheme();
  switch (item.kind) {
    case 'user':
      return (
        <Box marginTop={1}>
          <Text bold color={tint(theme, 'blue')}>
            {'> '}
          </Text>
          <Text bold>{item.text}</Text>
        </Box>
      );
    case 'reply':
      return (
        <Box flexDirection="column">
          {item.lines.map((line, index) => (
            // Lines of a finished item never change, so their position is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only, never reordered
            <MarkdownLineView key={index} line={line} />
          ))}
        </Box>
      );
    case 'usage':
      return <Text dimColor>{item.text}</Text>;
    case 'notice':
      return (
        <Text color={tint(theme, NOTICE_COLOR[item.level])} dimColor={item.level === 'info'}>
          {`${NOTICE_MARK[item.level]} ${item.text}`}
        </Text>
      );
    case 'block':
      return (
        <Box marginY={0}>
          <Text>{item.text}</Text>
        </Box>
      );
    default: {
      const unreachable: never = item;
      return unreachable;
    }
  }
}
