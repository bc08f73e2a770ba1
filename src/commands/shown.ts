import type { SessionMode } from '../core/usage/types';
import type { SlashCommand } from './types';

/**
 * The commands `/help`, Tab completion and suggestions offer in `mode`: all of them in mock mode,
 * all but the mock-only ones in real mode.
 */
export function commandsShownIn(
  mode: SessionMode,
  commands: readonly SlashCommand[],
): readonly SlashCommand[] {
  return mode === 'mock' ? commands : commands.filter((command) => command.mockOnly === undefined);
}
