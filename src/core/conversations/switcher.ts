import { existsSync } from 'node:fs';
import type { ChatSession } from '../chat/session';
import type { ConversationRecorder } from './recorder';
import { loadedConversation, readConversation } from './resume';
import { type ConversationStore, openConversationStore } from './store';
import type { Conversation, ConversationSummary } from './types';

/** A conversation the chat switched to, and what the user should know about the switch. */
export interface SwitchedConversation {
  readonly conversation: Conversation;
  /** The model the next message goes to. */
  readonly model: string;
  /**
   * Notes: the model could not be switched back, a mock conversation continues on a real model,
   * the system prompt changes to the conversation's.
   */
  readonly notices: readonly string[];
}

/**
 * `/resume` inside a chat: lists the saved conversations and switches the running session to one
 * of them (its history, its model; later turns are saved in it). The store is opened per use, so
 * a chat that never resumes never reads it. Methods throw ConversationError.
 */
export class ConversationSwitcher {
  readonly #file: string;
  readonly #session: ChatSession;
  readonly #recorder: ConversationRecorder | null;

  constructor(options: {
    readonly file: string;
    readonly session: ChatSession;
    readonly recorder: ConversationRecorder | null;
  }) {
    this.#file = options.file;
    this.#session = options.session;
    this.#recorder = options.recorder;
  }

  /** Saved conversations, latest first, at most `limit`. */
  recent(limit: number): readonly ConversationSummary[] {
    if (!existsSync(this.#file)) return [];
    return this.#withStore((store) => store.list(limit));
  }

  /** Switches to the conversation `id` names (a whole id or a unique start of one). */
  resume(id: string): SwitchedConversation {
    const conversation = this.#withStore((store) => readConversation(store, { id }));
    const notices: string[] = [];
    const session = this.#session;
    const keepModel = conversation.provider === 'mock' && session.mode === 'real';
    if (keepModel) {
      notices.push(`Its replies were simulated in mock mode; it continues on ${session.model}.`);
    } else if (conversation.model !== session.model) {
      const switched = session.switchModel(conversation.model);
      if (!switched.ok) notices.push(`${switched.message} It continues on ${session.model}.`);
      else notices.push(...switched.notices);
    }
    // It goes on with the system prompt it was held with (-c takes it too, unless --system).
    if ((conversation.system ?? undefined) !== session.system) {
      notices.push(
        conversation.system === null
          ? 'It was held without a system prompt; none is sent now.'
          : 'It goes on with the system prompt it was held with.',
      );
    }
    const target = {
      providerId: session.providerId,
      model: session.model,
      system: conversation.system ?? undefined,
      cache: session.cache,
    };
    session.loadConversation({ ...loadedConversation(conversation, target), system: conversation.system });
    this.#recorder?.continueConversation(conversation.id);
    return { conversation, model: session.model, notices };
  }

  #withStore<T>(read: (store: ConversationStore) => T): T {
    const store = openConversationStore(this.#file);
    try {
      return read(store);
    } finally {
      store.close();
    }
  }
}
