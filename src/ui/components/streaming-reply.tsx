import { Text } from 'ink';
import { renderMarkdownLine } from '../markdown';
import type { TurnState } from '../state/repl-reducer';
import { MarkdownLineView } from './markdown-line';

/** Props of `StreamingReply`. */
export interface StreamingReplyProps {
  readonly turn: TurnState;
}

/**
 * The live part of a streaming reply: only its open last line (finished lines are already in
 * `<Static>`), or a waiting mark before the first text arrives.
 */
export function StreamingReply({ turn }: StreamingReplyProps) {
  if (turn.tail === '') return <Text dimColor>{turn.receivedText ? '▍' : `${turn.model} …`}</Text>;
  return <MarkdownLineView line={renderMarkdownLine(turn.tail, turn.markdown).line} />;
}
