import { ChatmeterError } from '../core/errors';
import { budgetCommand } from './budget';
import { clearCommand } from './clear';
import { exitCommand } from './exit';
import { fileCommand } from './file';
import { helpCommand } from './help';
import { longCommand } from './long';
import { commandsShownIn } from './shown';
import { modelCommand } from './model';
import { modelsCommand } from './models';
import { nearestName, parseSlash } from './parse';
import { resumeCommand } from './resume';
import type { CommandContext, CommandResult, SlashCommand } from './types';
import { usageCommand } from './usage';

/** Every slash command, in `/help` order. Registering one more is one entry here (and its import). */
export const COMMANDS: readonly SlashCommand[] = [
  usageCommand,
  modelCommand,
  modelsCommand,
  budgetCommand,
  fileCommand,
  clearCommand,
  resumeCommand,
  helpCommand,
  exitCommand,
  longCommand,
];

/** Finds a command by name or alias (without the slash, any case). */
export function findCommand(
  name: string,
  commands: readonly SlashCommand[] = COMMANDS,
): SlashCommand | undefined {
  const wanted = name.toLowerCase();
  return commands.find((c) => c.name === wanted || c.aliases.includes(wanted));
}

/** The notice for a command that does not exist, naming the nearest one when there is one. */
export function unknownCommandText(name: string, commands: readonly SlashCommand[]): string {
  const names = commands.flatMap((c) => [c.name, ...c.aliases]);
  const nearest = nearestName(name, names);
  return nearest
    ? `Unknown command /${name}. Did you mean /${nearest}?`
    : `Unknown command /${name}. Type /help for the list.`;
}

/**
 * Runs a line that starts with a slash command: parses it, resolves aliases, and turns an
 * unknown name or a ChatmeterError into a notice. Returns null when the line is not a command.
 */
export async function runSlashCommand(
  input: string,
  context: CommandContext,
): Promise<CommandResult | null> {
  const parsed = parseSlash(input);
  if (!parsed) return null;
  const command = findCommand(parsed.name, context.commands);
  if (!command) {
    const shown = commandsShownIn(context.mode, context.commands);
    return { kind: 'notice', level: 'warn', text: unknownCommandText(parsed.name, shown) };
  }
  if (command.mockOnly !== undefined && context.mode !== 'mock') {
    const text = `/${command.name} works only in mock mode (chatmeter --mock); ${command.mockOnly}.`;
    return { kind: 'notice', level: 'warn', text };
  }
  try {
    return await command.run(parsed.args, context);
  } catch (error) {
    if (error instanceof ChatmeterError)
      return { kind: 'notice', level: 'error', text: error.message };
    throw error;
  }
}
