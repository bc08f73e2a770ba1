import type { CommandHandler } from './io';
import type { UsageCommand } from './options';

/** `chatmeter cost`: not built yet (foundation issue). */
export const runUsageCommand: CommandHandler<UsageCommand> = async (_options, io) => {
  io.stderr.write('chatmeter: `usage` is not built yet\n');
  return 1;
};
