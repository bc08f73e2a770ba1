import type { SessionMode } from '../usage/types';

/** One saved message: a user's text, or a reply with the call that produced it. */
export interface SavedMessage {
  /** Position in the conversation, from 0. */
  readonly seq: number;
  readonly role: 'user' | 'assistant';
  readonly content: string;
  /** `openai`, `anthropic` or `mock`. */
  readonly provider: string;
  /** The model the message was sent to (a user message) or that replied (a reply). */
  readonly model: string;
  /** The chat session the message was written in (the ledger's session id). */
  readonly sessionId: string;
  /** The ledger's id of the call that produced a reply; null for user messages. */
  readonly callId: string | null;
  /** A reply's prompt tokens (cached ones included): the context the model was sent. */
  readonly promptTokens: number | null;
  readonly outputTokens: number | null;
  /** A reply's cost, pico-USD; null for user messages and unpriced models. */
  readonly costPicoUsd: bigint | null;
  /** Mock mode simulating a priced model: what the reply would have cost, pico-USD. */
  readonly simulatedCostPicoUsd: bigint | null;
  /** How the reply's call ended (`ok`, `aborted`); null for user messages. */
  readonly outcome: string | null;
  /**
   * Whether the reply's tokens were counted with the tokenizer rather than reported by the
   * provider; null for user messages and replies saved before chatmeter kept it.
   */
  readonly estimated: boolean | null;
  /** Why the provider says the reply stopped (`end_turn`, `max_tokens`...); null when unknown. */
  readonly stopReason: string | null;
  /** Epoch milliseconds. */
  readonly createdAtMs: number;
}

/** A saved conversation as `conversations list` shows it. */
export interface ConversationSummary {
  readonly id: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  /** `mock` while every reply was simulated; `real` once a real model replied in it. */
  readonly mode: SessionMode;
  /** The provider (`mock` for a simulated reply) and model of the latest turn (the one a resume continues with). */
  readonly provider: string;
  readonly model: string;
  /** Replies saved. */
  readonly turns: number;
  /** Sum of the priced replies' costs, pico-USD (mock: 0). */
  readonly costPicoUsd: bigint;
  /** Replies whose model had no price (their cost is not in `costPicoUsd`). */
  readonly unpricedTurns: number;
  /** Mock mode: what the simulated replies would have cost, pico-USD, or null when none priced. */
  readonly simulatedCostPicoUsd: bigint | null;
  /** The first user message ('' when there is none). */
  readonly firstMessage: string;
}

/** A whole saved conversation. */
export interface Conversation extends ConversationSummary {
  /** The system prompt it was held with, or null. */
  readonly system: string | null;
  readonly messages: readonly SavedMessage[];
}

/** What a new conversation row starts with. */
export interface NewConversation {
  readonly id: string;
  readonly createdAtMs: number;
  readonly mode: SessionMode;
  readonly provider: string;
  readonly model: string;
  readonly system: string | null;
}

/** A message to append (its position is the store's to give). */
export type NewMessage = Omit<SavedMessage, 'seq'>;

/** The reply fields a user message leaves empty (it has no call of its own). */
export const NO_CALL_FIELDS = {
  callId: null,
  promptTokens: null,
  outputTokens: null,
  costPicoUsd: null,
  simulatedCostPicoUsd: null,
  outcome: null,
  estimated: null,
  stopReason: null,
} as const satisfies Partial<SavedMessage>;
