import type { SlashCommand } from './types';

/** `/help`: every command with its aliases, the keys of the prompt, and `/long N` in mock mode. */
export const helpCommand: SlashCommand = {
  name: 'help',
  aliases: [],
  args: '',
  summary: 'this help',
  run: (_args, context) => {
    const rows = context.commands.map((command) => {
      const synopsis = `/${command.name}${command.args ? ` ${command.args}` : ''}`;
      const aliases = command.aliases.map((a) => `/${a}`);
      const summary = aliases.length
        ? `${command.summary} (also ${aliases.join(', ')})`
        : command.summary;
      return [synopsis, summary] as const;
    });
    if (context.mode === 'mock') {
      rows.push(['/long N', 'mock mode: ask for a reply of about N tokens'] as const);
    }
    const width = Math.max(...rows.map(([synopsis]) => synopsis.length)) + 2;
    const lines = [
      'Commands:',
      ...rows.map(([synopsis, summary]) => `  ${synopsis.padEnd(width)}${summary}`),
      'Keys:',
      `  ${'Enter'.padEnd(width)}send (a pasted block of lines is one message; Alt+Enter adds a line)`,
      `  ${'Up/Down'.padEnd(width)}walk input history`,
      `  ${'Tab'.padEnd(width)}complete a command`,
      `  ${'Ctrl+C'.padEnd(width)}cancel the reply / clear the input / quit at an empty prompt`,
      `  ${'Ctrl+D'.padEnd(width)}quit at an empty prompt`,
    ];
    return { kind: 'text', text: lines.join('\n') };
  },
};
