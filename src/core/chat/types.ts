import type { ProviderError } from '../providers/errors';
import type { CallRecord, Usage } from '../usage/types';

/**
 * Events of one `send()` as the UI and one-shot mode consume them (exhaustive `switch`).
 * A send ends with exactly one `end` event, once the call is recorded, or with exactly one
 * `blocked` event when the pre-flight guard refused it (then no call was made or recorded).
 */
export type ChatEvent =
  /** A piece of the reply. */
  | { readonly type: 'text'; readonly text: string }
  /** Live usage while streaming: estimated (`~`) until the provider's usage arrives. */
  | {
      readonly type: 'progress';
      readonly usage: Usage;
      readonly estimated: boolean;
      readonly costPicoUsd: bigint | null;
      /** Mock mode simulating a priced model: what the call so far would cost (never real). */
      readonly simulatedCostPicoUsd?: bigint | null;
    }
  /** Something the user should see (a retry, a ledger warning, a budget warning). */
  | { readonly type: 'notice'; readonly level: 'info' | 'warn'; readonly message: string }
  /** The call ended and is recorded; `error` is set for failed and aborted calls. */
  | {
      readonly type: 'end';
      readonly call: CallRecord;
      readonly reply: string;
      readonly error: ProviderError | null;
    }
  /** The pre-flight guard refused the call (a budget in block mode): nothing was sent. */
  | { readonly type: 'blocked'; readonly message: string };

/** One exchange that entered the conversation's history, with the recorded call of its reply. */
export interface ChatTurn {
  /** The conversation the turn belongs to (the session's id for it; the prompt cache key). */
  readonly conversationId: string;
  /** The system prompt sent with it, or null. */
  readonly system: string | null;
  /** The user's message as sent. */
  readonly user: string;
  /** The reply as it stands in the history (the part received, when the call was aborted). */
  readonly reply: string;
  readonly call: CallRecord;
}

/**
 * Receives each turn that entered the history, and hears when a new conversation begins (the
 * conversation store). `recordTurn` throws an Error whose message is the warning to show.
 */
export interface TurnSink {
  recordTurn(turn: ChatTurn): void;
  /** The history was cleared: the next turn begins a new conversation. */
  newConversation(): void;
}
