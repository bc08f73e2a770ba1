import type { ChatTurn, TurnSink } from '../chat/types';
import { errorMessage } from '../errors';
import { promptTokensOf } from '../pricing/cost';
import type { SessionMode } from '../usage/types';
import type { ConversationStore } from './store';
import { type NewMessage, NO_CALL_FIELDS } from './types';

/** Options of {@link ConversationRecorder}. */
export interface ConversationRecorderOptions {
  /** Opens the store; called once, on `open()` or the first turn. Throws ConversationError. */
  readonly open: () => ConversationStore;
  readonly mode: SessionMode;
  /** The conversation the first turn continues (a resumed one); absent: a new one. */
  readonly conversationId?: string;
  /** Makes the id of a new conversation (by default the session's id for it, its cache key). */
  readonly newId?: () => string;
}

/**
 * Saves every turn of a chat in the conversation store: the first turn after start or `/clear`
 * creates the conversation, each turn appends its user message and reply in one transaction.
 * The first failure (store cannot be opened or written) is reported once, as the message of the
 * Error `recordTurn` throws or the warning `open` returns; from then on nothing is written and the
 * chat goes on.
 */
export class ConversationRecorder implements TurnSink {
  readonly #options: ConversationRecorderOptions;
  #store: ConversationStore | null = null;
  #failure: string | null = null;
  #failureShown = false;
  #conversationId: string | null;
  #created: boolean;

  constructor(options: ConversationRecorderOptions) {
    this.#options = options;
    this.#conversationId = options.conversationId ?? null;
    this.#created = options.conversationId !== undefined;
  }

  /** The conversation turns go to, or null before the first turn of a new one. */
  get conversationId(): string | null {
    return this.#conversationId;
  }

  /**
   * The saved conversation turns are appended to (a resumed one, or the one the first turn
   * created); null before that, or once saving has failed.
   */
  get savedConversationId(): string | null {
    return this.#created && this.#failure === null ? this.#conversationId : null;
  }

  /**
   * Opens the store now (the REPL does so after its first frame). Returns the warning to show
   * when it cannot be opened, once; null otherwise.
   */
  open(): string | null {
    this.#storeOrNull();
    return this.#unshownFailure();
  }

  /** Saves one turn; throws an Error with the warning the first time saving fails. */
  recordTurn(turn: ChatTurn): void {
    const store = this.#storeOrNull();
    if (store) {
      try {
        const { call } = turn;
        const id = (this.#conversationId ??= this.#options.newId?.() ?? turn.conversationId);
        if (!this.#created) {
          store.create({
            id,
            createdAtMs: call.endedAtMs,
            mode: this.#options.mode,
            provider: call.provider,
            model: call.model,
            system: turn.system,
          });
          this.#created = true;
        }
        store.append(id, turnMessages(turn));
      } catch (error) {
        this.#fail(errorMessage(error));
      }
    }
    const failure = this.#unshownFailure();
    if (failure !== null) throw new Error(failure);
  }

  /** The next turn starts a new conversation. */
  newConversation(): void {
    this.#conversationId = null;
    this.#created = false;
  }

  /** Later turns continue the saved conversation `id`. */
  continueConversation(id: string): void {
    this.#conversationId = id;
    this.#created = true;
  }

  /** Closes the store, when it was opened; safe to call twice. */
  close(): void {
    this.#store?.close();
  }

  #storeOrNull(): ConversationStore | null {
    if (this.#store || this.#failure !== null) return this.#store;
    try {
      this.#store = this.#options.open();
    } catch (error) {
      this.#fail(errorMessage(error));
    }
    return this.#store;
  }

  #fail(reason: string): void {
    this.#store?.close();
    this.#store = null;
    const sentence = /[.!?]$/.test(reason) ? reason : `${reason}.`;
    this.#failure = `Conversations are not saved: ${sentence} The chat goes on; its usage is still metered.`;
  }

  #unshownFailure(): string | null {
    if (this.#failure === null || this.#failureShown) return null;
    this.#failureShown = true;
    return this.#failure;
  }
}

/** The two messages of a turn, as stored: the user's, then the reply with its call. */
function turnMessages({ user, reply, call }: ChatTurn): NewMessage[] {
  const common = { provider: call.provider, model: call.model, sessionId: call.sessionId };
  return [
    {
      ...common,
      createdAtMs: Math.max(0, Math.round(call.endedAtMs - call.latencyMs)),
      role: 'user',
      content: user,
      ...NO_CALL_FIELDS,
    },
    {
      ...common,
      createdAtMs: call.endedAtMs,
      role: 'assistant',
      content: reply,
      callId: call.callId,
      promptTokens: promptTokensOf(call.usage),
      outputTokens: call.usage.outputTokens,
      costPicoUsd: call.costPicoUsd,
      simulatedCostPicoUsd: call.simulatedCostPicoUsd,
      outcome: call.outcome,
      estimated: call.estimated,
      stopReason: call.stopReason ?? null,
    },
  ];
}
