import { shownName } from '../core/files/attachment';
import type { SlashCommand } from './types';

/**
 * `/clear`: starts a new conversation (the model forgets it); usage so far is kept. Files
 * attached for the next message are dropped too: a new conversation starts with nothing in it.
 */
export const clearCommand: SlashCommand = {
  name: 'clear',
  aliases: ['new'],
  args: '',
  summary: 'start a new conversation; usage is kept',
  run: (_args, context) => {
    context.session.clear();
    const dropped = context.files?.take() ?? [];
    const names = dropped.map((file) => shownName(file.name)).join(', ');
    const detached = dropped.length > 0 ? ` Detached ${names}; /file attaches again.` : '';
    return { kind: 'cleared', text: `New conversation. Usage so far is kept.${detached}` };
  },
};
