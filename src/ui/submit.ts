import { parseSlash } from '../commands/parse';

/** A submitted line: a message for the model, or a slash command. */
export type SubmittedLine =
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'command'; readonly text: string };

/**
 * Tells a command from a message: `/name ...` is a command; `//text` sends `/text`; anything
 * else (including a path like `/usr/bin` followed by more text) is a message when it does not
 * parse as a command.
 */
export function classifyLine(text: string): SubmittedLine {
  const trimmed = text.trim();
  if (trimmed.startsWith('//')) return { kind: 'message', text: text.trimStart().slice(1) };
  if (parseSlash(trimmed)) return { kind: 'command', text: trimmed };
  return { kind: 'message', text };
}
