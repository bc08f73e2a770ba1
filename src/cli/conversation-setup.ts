import { ConversationError } from '../core/conversations/errors';
import { ConversationRecorder } from '../core/conversations/recorder';
import { loadConversation, type ResumeRef } from '../core/conversations/resume';
import { openConversationStore } from '../core/conversations/store';
import type { Conversation } from '../core/conversations/types';
import { errorMessage } from '../core/errors';
import { resolvePaths } from '../core/paths';
import type { ChatOptions } from './options';

/** The conversation a chat starts from: a resumed one (with the flags it implies) or none. */
export interface ResumeSetup {
  /** The flags with the resumed conversation's model, mode and system prompt filled in. */
  readonly flags: ChatOptions;
  readonly conversation: Conversation | null;
  /** Warnings (the store could not be read: the chat starts a new conversation). */
  readonly warnings: readonly string[];
  /** False when the store could not be read: nothing is saved (its warning says so once). */
  readonly storeUsable: boolean;
}

function resumeRef(flags: ChatOptions): ResumeRef | null {
  if (flags.resume !== undefined) return { id: flags.resume };
  return flags.continue ? { latest: true } : null;
}

/**
 * The flags a resumed conversation implies: the model and provider of its last turn (mock mode
 * when that turn was simulated) unless `--model` or `--provider` chooses, and its system prompt
 * unless `--system` gives one.
 */
export function withResumedSettings(flags: ChatOptions, conversation: Conversation): ChatOptions {
  const system = flags.system ?? conversation.system ?? undefined;
  if (flags.model?.trim() || flags.provider) return { ...flags, system };
  if (conversation.provider === 'mock' || flags.mock) {
    return { ...flags, system, mock: true, model: conversation.model };
  }
  const provider = conversation.provider === 'anthropic' ? 'anthropic' : 'openai';
  return { ...flags, system, model: conversation.model, provider };
}

/**
 * Reads the conversation `--continue` or `--resume` asks for. An unknown or ambiguous id, or no
 * conversation to continue, throws {@link ConversationError} (exit 2); a store that cannot be read
 * is a warning and the chat starts a new conversation.
 */
export function resumeSetup(flags: ChatOptions, env: NodeJS.ProcessEnv): ResumeSetup {
  const ref = resumeRef(flags);
  if (ref === null) return { flags, conversation: null, warnings: [], storeUsable: true };
  try {
    const conversation = loadConversation(resolvePaths(env).conversationsFile, ref);
    const resumed = withResumedSettings(flags, conversation);
    return { flags: resumed, conversation, warnings: [], storeUsable: true };
  } catch (error) {
    if (!(error instanceof ConversationError) || error.exitCode === 2) throw error;
    const warning = `Cannot resume: ${errorMessage(error)} A new conversation starts, not saved.`;
    return { flags, conversation: null, warnings: [warning], storeUsable: false };
  }
}

/**
 * The recorder that saves this chat's turns (null with `--no-save` or `conversations.save
 * false`), continuing the resumed conversation when there is one.
 */
export function conversationRecorder(options: {
  readonly save: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly mode: 'real' | 'mock';
  readonly resumed: Conversation | null;
}): ConversationRecorder | null {
  if (!options.save) return null;
  const file = resolvePaths(options.env).conversationsFile;
  return new ConversationRecorder({
    open: () => openConversationStore(file),
    mode: options.mode,
    ...(options.resumed ? { conversationId: options.resumed.id } : {}),
  });
}
