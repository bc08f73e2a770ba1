import type { CommandHandler } from './io';
import type { ChatOptions } from './options';

/** `chatmeter cost`: not built yet (foundation issue). */
export const runChat: CommandHandler<ChatOptions> = async (_options, io) => {
  io.stderr.write('chatmeter: the chat is not built yet\n');
  return 1;
};
