import type { SlashCommand } from './types';

/** A number of tokens `/long` accepts: 1 to 7 digits. */
const TOKENS = /^\d{1,7}$/;

/**
 * `/long N` (mock mode only): sends the message `/long N`, which the mock provider answers with a
 * reply of about N tokens, to try long streams, cancelling and the status bar offline.
 */
export const longCommand: SlashCommand = {
  name: 'long',
  aliases: [],
  args: 'N',
  summary: 'mock mode: ask for a reply of about N tokens',
  mockOnly: 'a real model decides its own length',
  run: (args) =>
    TOKENS.test(args)
      ? { kind: 'message', text: `/long ${args}` }
      : {
          kind: 'notice',
          level: 'warn',
          text: '/long takes a number of tokens up to 9,999,999, e.g. /long 2000.',
        },
};
