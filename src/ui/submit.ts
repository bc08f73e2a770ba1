import { parseSlash } from '../commands/parse';
import type { SessionMode } from '../core/usage/types';

/** A submitted line: a message for the model, a slash command, or a line that is neither. */
export type SubmittedLine =
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'command'; readonly text: string }
  /** Misused mock-mode syntax: `message` says how to write it. */
  | { readonly kind: 'invalid'; readonly text: string; readonly message: string };

/** In mock mode `/long N` is a message asking the mock provider for a reply of about N tokens. */
const MOCK_LONG_REPLY = /^\/long\s+\d{1,7}\s*$/;
const MOCK_LONG_ANY = /^\/long(\s|$)/;

/**
 * Tells a command from a message: `/name ...` is a command; `//text` sends `/text`; anything
 * else (including a path like `/usr/bin` followed by more text) is a message when it does not
 * parse as a command. In mock mode `/long N` goes to the mock provider.
 */
export function classifyLine(text: string, mode: SessionMode): SubmittedLine {
  const trimmed = text.trim();
  if (trimmed.startsWith('//')) return { kind: 'message', text: text.trimStart().slice(1) };
  if (mode === 'mock' && MOCK_LONG_REPLY.test(trimmed)) return { kind: 'message', text: trimmed };
  if (mode === 'mock' && MOCK_LONG_ANY.test(trimmed)) {
    const message = '/long takes a number of tokens up to 9,999,999, e.g. /long 2000.';
    return { kind: 'invalid', text: trimmed, message };
  }
  if (mode !== 'mock' && MOCK_LONG_ANY.test(trimmed)) {
    const message = '/long works only in mock mode (chatmeter --mock); a real model decides its own length.';
    return { kind: 'invalid', text: trimmed, message };
  }
  if (parseSlash(trimmed)) return { kind: 'command', text: trimmed };
  return { kind: 'message', text };
}
