import type { SlashCommand } from './types';

/** `/clear`: starts a new conversation (the model forgets it); usage so far is kept. */
export const clearCommand: SlashCommand = {
  name: 'clear',
  aliases: ['new'],
  args: '',
  summary: 'start a new conversation; usage is kept',
  run: (_args, context) => {
    context.session.clear();
    return { kind: 'cleared', text: 'New conversation. Usage so far is kept.' };
  },
};
