import type { SlashCommand } from './types';

/** `/exit` (alias `/quit`): ends the session; the REPL prints the summary. */
export const exitCommand: SlashCommand = {
  name: 'exit',
  aliases: ['quit'],
  args: '',
  summary: 'end the session and print the summary',
  run: () => ({ kind: 'exit' }),
};
