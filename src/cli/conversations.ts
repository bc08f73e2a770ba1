import { existsSync } from 'node:fs';
import { readConversation } from '../core/conversations/resume';
import { type ConversationStore, openConversationStore } from '../core/conversations/store';
import { resolvePaths } from '../core/paths';
import { sanitizeTerminalText, terminalSafeJson } from '../core/terminal-text';
import {
  conversationJson,
  conversationListJson,
  conversationMarkdown,
  renderConversation,
  renderConversationList,
} from '../reports/history/conversations';
import type { CommandHandler, Io } from './io';
import type { ConversationsCommand } from './options';

/** Text for stdout: controls made visible on a terminal, left as they are in a pipe or file. */
function forStdout(io: Io, text: string): string {
  return io.stdout.isTTY ? sanitizeTerminalText(text) : text;
}

function json(value: unknown): string {
  return `${terminalSafeJson(JSON.stringify(value, null, 2))}\n`;
}

function run(store: ConversationStore, command: ConversationsCommand, io: Io): number {
  if (command.action === 'list') {
    const summaries = store.list(command.limit);
    io.stdout.write(
      command.json
        ? json(conversationListJson(summaries))
        : renderConversationList(summaries, { width: io.stdout.columns }),
    );
    return 0;
  }
  const conversation = readConversation(store, { id: command.id ?? '' });
  switch (command.action) {
    case 'show':
      io.stdout.write(forStdout(io, renderConversation(conversation)));
      return 0;
    case 'export':
      io.stdout.write(
        command.format === 'json'
          ? json(conversationJson(conversation))
          : forStdout(io, conversationMarkdown(conversation)),
      );
      return 0;
    case 'rm':
      store.remove(conversation.id);
      io.stderr.write(
        `Deleted conversation ${conversation.id}. Its calls stay in the usage ledger.\n`,
      );
      return 0;
    default: {
      const never: never = command.action;
      throw new Error(`unknown conversations action ${String(never)}`);
    }
  }
}

/**
 * `chatmeter conversations list|show <id>|rm <id>|export <id>`. A missing store reads as empty
 * (nothing is created). An unknown or ambiguous id throws ConversationError (exit 2); a store
 * that cannot be read, exit 1.
 */
export const runConversations: CommandHandler<ConversationsCommand> = async (command, io) => {
  const file = resolvePaths(io.env).conversationsFile;
  const store = openConversationStore(existsSync(file) ? file : ':memory:');
  try {
    return run(store, command, io);
  } finally {
    store.close();
  }
};
