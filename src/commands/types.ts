import type { BudgetMonitor } from '../core/budget/monitor';
import type { CacheSetting, NextTurnFigure } from '../core/chat/next-turn';
import type { ModelSwitchResult } from '../core/chat/session-types';
import type { FileAttacher } from '../core/files/attacher';
import type { SwitchedConversation } from '../core/conversations/switcher';
import type { ConversationSummary, SavedMessage } from '../core/conversations/types';
import type { ModelInfo } from '../core/pricing/model-info';
import type { PriceTable } from '../core/pricing/types';
import type { UsageSnapshot } from '../core/usage/tracker';
import type { SessionMode } from '../core/usage/types';

/**
 * What a slash command may do to the chat session. `ChatSession` satisfies it; commands get
 * only this, never UI callbacks.
 */
export interface CommandSession {
  /** The model the next message goes to. */
  readonly model: string;
  /** `openai`, `anthropic` or `mock`. */
  readonly providerId: string;
  /** The model with its price and context window, resolved once when it was chosen. */
  readonly modelInfo: ModelInfo;
  /** Switches the model (the provider follows the id; mock mode stays mock and simulates). */
  switchModel(modelId: string): ModelSwitchResult;
  /** Starts a new conversation; usage is kept. */
  clear(): void;
  /** `--cache`: how the conversation is cached (absent: not cached). */
  readonly cache?: CacheSetting;
  /** The least the next turn will cost (null while the conversation is being counted). */
  nextTurn?(): NextTurnFigure | null;
  /** Calls `listener` when the next-turn figure changes; returns the function that stops it. */
  subscribeNextTurn?(listener: () => void): () => void;
}

/** The saved conversations, for `/resume` (`ConversationSwitcher` satisfies it). */
export interface ConversationPort {
  /** Saved conversations, latest first, at most `limit`. Throws ConversationError. */
  recent(limit: number): readonly ConversationSummary[];
  /** Switches the chat to a saved conversation by id or unique prefix. Throws ConversationError. */
  resume(id: string): SwitchedConversation;
}

/** Everything a command may read or act on. Data in; the command returns a result. */
export interface CommandContext {
  readonly session: CommandSession;
  /** The session's usage so far. */
  readonly usage: { snapshot(): UsageSnapshot };
  readonly priceTable: PriceTable;
  readonly mode: SessionMode;
  /** Whether output may contain ANSI colour. */
  readonly color: boolean;
  /** Terminal width in columns, for tables. */
  readonly width: number;
  /** Every registered command (for `/help` and suggestions). */
  readonly commands: readonly SlashCommand[];
  /** The session's budgets, for `/budget` (absent when the session has no monitor). */
  readonly budget?: BudgetMonitor;
  /** The files attached to the next message, for `/file` (absent: attaching is off). */
  readonly files?: FileAttacher;
  /** Saved conversations, for `/resume` (absent when the chat has none to offer). */
  readonly conversations?: ConversationPort;
}

/** What running a command produced; the UI decides how to show it. */
export type CommandResult =
  /** A block of preformatted text for the transcript (tables, help). */
  | { readonly kind: 'text'; readonly text: string }
  /** One line for the transcript. */
  | { readonly kind: 'notice'; readonly level: 'info' | 'warn' | 'error'; readonly text: string }
  /** Send `text` to the model as the user's message (shown as the user's line of the turn). */
  | { readonly kind: 'message'; readonly text: string }
  /** The conversation was cleared (usage kept); `text` says so. */
  | { readonly kind: 'cleared'; readonly text: string }
  /**
   * A saved conversation was resumed: `text` says which; its messages are shown again and
   * `contextTokens` is the context it occupies, as last measured.
   */
  | {
      readonly kind: 'resumed';
      readonly text: string;
      readonly messages: readonly Pick<SavedMessage, 'role' | 'content' | 'model'>[];
      readonly contextTokens: number;
    }
  /** End the session (the REPL prints the summary). */
  | { readonly kind: 'exit' };

/** One slash command: data plus a `run` that returns a typed result. */
export interface SlashCommand {
  /** Name without the slash, e.g. `usage`. */
  readonly name: string;
  /** Other names, e.g. `cost`, `stats`. */
  readonly aliases: readonly string[];
  /** Argument synopsis for `/help`, e.g. `[id]`; empty when none. */
  readonly args: string;
  /** One line for `/help`. */
  readonly summary: string;
  /**
   * Set for a command only the mock provider can answer: why (shown in real mode, where the
   * command is left out of `/help` and Tab completion).
   */
  readonly mockOnly?: string;
  /** Tab completion of the argument: the values that start with `partial` (e.g. model ids). */
  completeArgs?(partial: string, context: CommandContext): readonly string[];
  /** Runs the command with the text after its name (trimmed). May throw a ChatmeterError. */
  run(args: string, context: CommandContext): CommandResult | Promise<CommandResult>;
}
