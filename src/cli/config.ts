import type { CommandHandler } from './io';
import type { ConfigCommand } from './options';

/** `chatmeter cost`: not built yet (foundation issue). */
export const runConfig: CommandHandler<ConfigCommand> = async (_options, io) => {
  io.stderr.write('chatmeter: `config` is not built yet\n');
  return 1;
};
