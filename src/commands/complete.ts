import { COMMANDS, findCommand } from './registry';
import { commandsShownIn } from './shown';
import type { CommandContext, SlashCommand } from './types';

/** Result of Tab completion: the new input and, when ambiguous, the choices that match. */
export interface Completion {
  readonly input: string;
  readonly candidates: readonly string[];
}

function commonPrefix(values: readonly string[]): string {
  return values.reduce((prefix, value) => {
    let i = 0;
    while (i < prefix.length && prefix[i] === value[i]) i++;
    return prefix.slice(0, i);
  });
}

/** Completes `head + partial` from `choices`: unique -> whole choice; several -> common prefix. */
function completeFrom(
  head: string,
  partial: string,
  choices: readonly string[],
  tail: string,
): Completion {
  const matches = [...new Set(choices.filter((c) => c.startsWith(partial)))].sort();
  if (matches.length === 0) return { input: head + partial, candidates: [] };
  if (matches.length === 1) return { input: `${head}${matches[0]}${tail}`, candidates: [] };
  return { input: head + commonPrefix(matches), candidates: matches };
}

/**
 * Tab completion. `/partial` completes a command name (aliases too once a letter is typed): a
 * unique match becomes `/name `, several their longest common prefix plus the list. `/name arg`
 * completes the argument when the command offers choices (e.g. `/model gpt-4` -> model ids).
 * Anything else is returned unchanged with no candidates. Mock-only commands are offered only
 * with a mock-mode `context`.
 */
export function completeSlash(
  input: string,
  commands: readonly SlashCommand[] = COMMANDS,
  context?: CommandContext,
): Completion {
  const shown = commandsShownIn(context?.mode ?? 'real', commands);
  const name = /^\/([\w-]*)$/.exec(input);
  if (name) {
    const partial = name[1]!.toLowerCase();
    const choices = shown.flatMap((c) => (partial === '' ? [c.name] : [c.name, ...c.aliases]));
    const completion = completeFrom('/', partial, choices, ' ');
    return { ...completion, candidates: completion.candidates.map((c) => `/${c}`) };
  }
  const argument = /^\/([\w-]+)\s+(\S*)$/.exec(input);
  const command = argument ? findCommand(argument[1]!, shown) : undefined;
  if (!argument || !command?.completeArgs || !context) return { input, candidates: [] };
  const head = input.slice(0, input.length - argument[2]!.length);
  return completeFrom(head, argument[2]!, command.completeArgs(argument[2]!, context), '');
}
