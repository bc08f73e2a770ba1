import { contextTokensOf, shortId } from '../core/conversations/resume';
import { renderConversationList, resumedNotice } from '../reports/history/conversations';
import type { CommandContext, CommandResult, ConversationPort, SlashCommand } from './types';

/** How many saved conversations `/resume` lists. */
const RECENT_CONVERSATIONS = 10;

function list(conversations: ConversationPort, context: CommandContext): CommandResult {
  const recent = conversations.recent(RECENT_CONVERSATIONS);
  if (recent.length === 0) {
    return { kind: 'notice', level: 'info', text: 'No saved conversations yet.' };
  }
  const hint = 'Pick one with /resume <#> or /resume <id>.';
  const text = renderConversationList(recent, { width: context.width, numbered: true, hint });
  return { kind: 'text', text: text.trimEnd() };
}

/**
 * `/resume [# | id]`: without an argument lists the latest saved conversations, numbered; with a
 * number from that list, or an id (a unique start of one), continues that conversation here: its
 * history goes with the next message, its model comes back, later turns are saved in it.
 */
export const resumeCommand: SlashCommand = {
  name: 'resume',
  aliases: [],
  args: '[# | id]',
  summary: 'list saved conversations, or continue one',
  completeArgs: (partial, context) =>
    (context.conversations?.recent(RECENT_CONVERSATIONS) ?? [])
      .map((c) => shortId(c.id))
      .filter((id) => id.startsWith(partial)),
  run: (args, context) => {
    const { conversations } = context;
    if (!conversations) {
      return {
        kind: 'notice',
        level: 'warn',
        text: 'Conversations are not kept in this chat (--no-save or conversations.save false).',
      };
    }
    if (args === '') return list(conversations, context);
    const position = /^\d{1,2}$/.test(args) ? Number(args) : 0;
    const recent = position > 0 ? conversations.recent(RECENT_CONVERSATIONS) : [];
    const id = recent[position - 1]?.id ?? args;
    const { conversation, model, notices } = conversations.resume(id);
    return {
      kind: 'resumed',
      text: [resumedNotice(conversation, model), ...notices].join(' '),
      messages: conversation.messages,
      contextTokens: contextTokensOf(conversation),
    };
  },
};
