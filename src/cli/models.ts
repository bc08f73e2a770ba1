import type { CommandHandler } from './io';
import type { ModelsOptions } from './options';

/** `chatmeter cost`: not built yet (foundation issue). */
export const runModels: CommandHandler<ModelsOptions> = async (_options, io) => {
  io.stderr.write('chatmeter: `models` is not built yet\n');
  return 1;
};
