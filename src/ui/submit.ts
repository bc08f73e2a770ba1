import { parseSlash } from '../commands/parse';
import type { SessionMode } from '../core/usage/tracker';

/** A submitted line: a message for the model, or a slash command. */
export type SubmittedLine =
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'command'; readonly text: string };

/** In mock mode `/long N` is a message asking the mock provider for a reply of about N tokens. */
const MOCK_LONG_REPLY = /^\/long\s+\d{1,7}\s*$/;

/**
 * Tells a command from a message: `/name ...` is a command; `//text` sends `/text`; anything
 * else (including a path like `/usr/bin` followed by more text) is a message when it does not
 * parse as a command. In mock mode `/long N` goes to the mock provider.
 */
export function classifyLine(text: string, mode: SessionMode): SubmittedLine {
  const trimmed = text.trim();
  if (trimmed.startsWith('//')) return { kind: 'message', text: text.trimStart().slice(1) };
  if (mode === 'mock' && MOCK_LONG_REPLY.test(trimmed)) return { kind: 'message', text: trimmed };
  if (parseSlash(trimmed)) return { kind: 'command', text: trimmed };
  return { kind: 'message', text };
}
