import type { ProviderError } from '../providers/errors';
import type { CallRecord, Usage } from '../usage/types';

/**
 * Events of one `send()` as the UI and one-shot mode consume them (exhaustive `switch`).
 * A send ends with exactly one `end` event, once the call is recorded.
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
    }
  /** Something the user should see (a retry, a ledger warning, a budget warning). */
  | { readonly type: 'notice'; readonly level: 'info' | 'warn'; readonly message: string }
  /** The call ended and is recorded; `error` is set for failed and aborted calls. */
  | {
      readonly type: 'end';
      readonly call: CallRecord;
      readonly reply: string;
      readonly error: ProviderError | null;
    };

/** Receives every ended call (the tracker, the ledger). */
export interface CallSink {
  record(call: CallRecord): void;
}
