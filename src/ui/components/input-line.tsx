import { Box, Text } from 'ink';
import { sanitizeTerminalText } from '../../core/terminal-text';
import type { InputState } from '../state/input-reducer';
import { tint, useTheme } from '../theme';

/** Props of `InputLine`. */
export interface InputLineProps {
  readonly state: InputState;
  /** A reply is streaming: the prompt is dimmed and says how to cancel. */
  readonly busy: boolean;
  /** Dim hint shown in an empty idle prompt (for a new user). */
  readonly placeholder?: string;
}

// ASCII marks in the first frame keep Ink's text measuring on its fast path (about 20 ms of
// start-up: any other character sends every measured string through Intl.Segmenter).
const PROMPT = '> ';

function lineWithCursor(line: string, cursorAt: number | null) {
  if (cursorAt === null) return <Text>{line === '' ? ' ' : line}</Text>;
  const at = line[cursorAt] ?? ' ';
  return (
    <Text>
      {line.slice(0, cursorAt)}
      <Text inverse>{at}</Text>
      {line.slice(cursorAt + 1)}
    </Text>
  );
}

/** The prompt: the text being typed (several lines for a paste), a block cursor, completions. */
export function InputLine({ state, busy, placeholder }: InputLineProps) {
  const theme = useTheme();
  const value = sanitizeTerminalText(state.value);
  const lines = value.split('\n');
  let offset = 0;
  const rendered = lines.map((line, index) => {
    const start = offset;
    offset += line.length + 1;
    const cursorAt =
      state.cursor >= start && state.cursor <= start + line.length ? state.cursor - start : null;
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: lines of one value, rebuilt every render
      <Box key={index}>
        <Text color={tint(theme, 'blue')} dimColor={busy}>
          {index === 0 ? PROMPT : '  '}
        </Text>
        {lineWithCursor(line, busy ? null : cursorAt)}
        {placeholder && value === '' && !busy ? <Text dimColor>{placeholder}</Text> : null}
      </Box>
    );
  });
  return (
    <Box flexDirection="column">
      {rendered}
      {busy ? (
        <Text dimColor>
          {value === ''
            ? '  Ctrl+C cancels the reply'
            : '  A reply is streaming: press Enter once it ends, or Ctrl+C to cancel it'}
        </Text>
      ) : null}
      {state.candidates.length > 0 ? (
        <Text dimColor>{`  ${state.candidates.join('  ')}`}</Text>
      ) : null}
    </Box>
  );
}
