import { Command, Option } from 'commander';
import { positiveInteger } from './arguments';
import type { Io } from './io';
import type { ConversationsCommand } from './options';
import type { RunHandler } from './program';

/** `chatmeter conversations list|show|rm|export`: the saved conversations. */
export function addConversationsCommands(program: Command, io: Io, run: RunHandler): void {
  const conversations = program
    .command('conversations')
    .description('saved conversations: list, show, remove, export');
  const conversationsAction =
    (action: ConversationsCommand['action']) =>
    async (...args: unknown[]) => {
      const id = typeof args[0] === 'string' ? args[0] : undefined;
      const options = args.find((arg): arg is Partial<ConversationsCommand> =>
        Boolean(arg && typeof arg === 'object' && !(arg instanceof Command)),
      );
      const { runConversations } = await import('./conversations');
      await run(() => runConversations({ ...options, action, id }, io));
    };
  conversations
    .command('list', { isDefault: true })
    .description('saved conversations, latest first')
    .option('--limit <n>', 'at most this many', positiveInteger)
    .option('--json', 'print JSON')
    .action(conversationsAction('list'));
  conversations
    .command('show')
    .description('print a conversation')
    .argument('<id>', 'conversation id or a unique prefix')
    .action(conversationsAction('show'));
  conversations
    .command('rm')
    .description('delete a conversation (its usage stays in the ledger)')
    .argument('<id>', 'conversation id or a unique prefix')
    .action(conversationsAction('rm'));
  conversations
    .command('export')
    .description('write a conversation as Markdown or JSON')
    .argument('<id>', 'conversation id or a unique prefix')
    .addOption(
      new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'),
    )
    .action(conversationsAction('export'));
}
