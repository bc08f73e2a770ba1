import type { PreflightGuard } from '../budget/preflight';
import type { PriceTable } from '../pricing/types';
import type { ChatMessage, ChatProvider } from '../providers/types';
import type { TokenEstimator } from '../tokens/estimate';
import type { CallSink, SessionMode } from '../usage/types';
import type { Clock } from './call-stream';
import type { CacheSetting, ConversationSize } from './next-turn';
import type { TurnSink } from './types';

/** Builds the provider for a model id; throws ConfigError (missing key, unknown provider). */
export type ProviderFactory = (model: string) => ChatProvider;

/** Everything a chat session needs; built by the CLI's services and injected. */
export interface ChatSessionOptions {
  readonly sessionId: string;
  readonly provider: ChatProvider;
  readonly providerFactory: ProviderFactory;
  readonly model: string;
  readonly system?: string;
  readonly maxTokens?: number;
  /** OpenAI's processing tier to ask for (`--service-tier`); priced at its rates. */
  readonly serviceTier?: string;
  readonly priceTable: PriceTable;
  /** Receive every ended call, in order (the ledger first, so a call is stored before shown). */
  readonly sinks: readonly CallSink[];
  readonly mode: SessionMode;
  readonly clock?: Clock;
  /** Pre-flight check before each call (budgets); a `block` makes `send` end with `blocked`. */
  readonly guard?: PreflightGuard;
  /** Tokenizer used for estimates; defaults to the lazily loaded o200k tokenizer. */
  readonly estimator?: () => Promise<TokenEstimator>;
  /** Prompt caching to ask for (`--cache`): a TTL, or `off` (the default) to send none. */
  readonly cache?: CacheSetting;
  /** Receives each turn that enters the history (the conversation store), after the sinks. */
  readonly turns?: TurnSink;
}

/** A conversation to continue: its id (the prompt cache key) and its messages. */
export interface LoadedConversation {
  readonly id: string;
  readonly messages: readonly ChatMessage[];
  /**
   * Its size as the provider last measured it, when that still holds for this session's model;
   * absent: the conversation is counted with the tokenizer.
   */
  readonly size?: ConversationSize;
  /** The system prompt it goes on with (null: none); absent: the session's stays. */
  readonly system?: string | null;
}

/** Result of {@link ChatSession.switchModel}. */
export type ModelSwitchResult =
  | {
      readonly ok: true;
      readonly model: string;
      readonly providerId: string;
      /** Whether the price table knows the model (unpriced models are metered, cost null). */
      readonly priced: boolean;
      /** Mock mode simulating a model: its cost is shown as simulated, never real. */
      readonly simulated: boolean;
      /** Notes for the user (e.g. how to add a price). */
      readonly notices: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

/** The notice for a model the price table does not know: metered, unpriced, how to add a price. */
export function unpricedModelNotice(model: string): string {
  return `${model} has no price: its tokens are counted, its cost shows as unpriced. Add a price with --pricing FILE.`;
}
