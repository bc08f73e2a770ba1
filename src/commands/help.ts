import wrapAnsi from 'wrap-ansi';
import { commandsShownIn } from './shown';
import type { SlashCommand } from './types';

/** `/help`: every command of the session's mode with its aliases, and the keys of the prompt. */
export const helpCommand: SlashCommand = {
  name: 'help',
  aliases: [],
  args: '',
  summary: 'this help',
  run: (_args, context) => {
    const rows = commandsShownIn(context.mode, context.commands).map((command) => {
      const synopsis = `/${command.name}${command.args ? ` ${command.args}` : ''}`;
      const aliases = command.aliases.map((a) => `/${a}`);
      const summary = aliases.length
        ? `${command.summary} (also ${aliases.join(', ')})`
        : command.summary;
      return [synopsis, summary] as const;
    });
    const keys = [
      ['Enter', 'send (a pasted block of lines is one message; Alt+Enter adds a line)'],
      ['Up/Down', 'walk input history'],
      ['Tab', 'complete a command, a model id or a path'],
      ['Ctrl+C', 'cancel the reply / clear the input / quit at an empty prompt'],
      ['Ctrl+D', 'quit at an empty prompt'],
    ] as const;
    const indent = 2 + Math.max(...[...rows, ...keys].map(([name]) => name.length)) + 2;
    // Descriptions wrap under themselves (a hanging indent), never back to the first column.
    const room = Math.max(20, context.width - indent - 1);
    const line = ([name, text]: readonly [string, string]) =>
      `  ${name.padEnd(indent - 2)}${wrapAnsi(text, room, { hard: true }).replaceAll('\n', `\n${' '.repeat(indent)}`)}`;
    const lines = ['Commands:', ...rows.map(line), 'Keys:', ...keys.map(line)];
    return { kind: 'text', text: lines.join('\n') };
  },
};
