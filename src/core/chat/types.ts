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

/**
 * A line to show before the first prompt (in the REPL's transcript, on stderr in one-shot mode):
 * `info` for how the session runs (mock mode), `warn` for something to fix (a config-file problem,
 * an ignored option, a model without a price, a ledger that cannot be opened).
 */
export interface StartupNotice {
  readonly level: 'info' | 'warn';
  readonly text: string;
}

/** Receives every ended call (the tracker, the ledger). */
export interface CallSink {
  record(call: CallRecord): void;
  /** Shown in the warning when `record` throws, e.g. `usage ledger` (optional). */
  readonly name?: string;
}

/** What the pre-flight guard is asked about before a call is sent. */
export interface PreflightRequest {
  /** The model id the call will use. */
  readonly model: string;
  /** The whole prompt as text (system prompt and every message), for a token estimate. */
  readonly promptText: string;
  /** The most output tokens the call may produce (`--max-tokens`, else the session's default). */
  readonly maxOutputTokens: number;
}

/** The guard's answer: send, send with a warning notice, or refuse (a `blocked` event). */
export type PreflightDecision =
  | { readonly action: 'allow' }
  | { readonly action: 'warn'; readonly message: string }
  | { readonly action: 'block'; readonly message: string };

/** A pre-flight check run before every call (budgets, issue of config and budgets). */
export type PreflightGuard = (request: PreflightRequest) => PreflightDecision;

/** One exchange that entered the conversation's history, with the recorded call of its reply. */
export interface ChatTurn {
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
