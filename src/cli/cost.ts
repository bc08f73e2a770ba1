import type { CommandHandler } from './io';
import type { CostOptions } from './options';

/** `chatmeter cost`: not built yet (foundation issue). */
export const runCost: CommandHandler<CostOptions> = async (_options, io) => {
  io.stderr.write('chatmeter: `cost` is not built yet\n');
  return 1;
};
