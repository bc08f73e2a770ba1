import type { ChatMessage, RequestCache } from '../providers/types';
import type { Usage } from '../usage/types';
import { planCache } from './cache-plan';
import { MESSAGE_OVERHEAD_TOKENS, type TokenEstimator } from '../tokens/estimate';
import {
  type CacheSetting,
  type ConversationSize,
  EMPTY_CONVERSATION,
  type NextTurnContext,
  nextTurnUsage,
} from './next-turn';

/** What preparing a request reads. */
export interface RequestToPrepare {
  readonly system: string | undefined;
  /** The history with the new message last. */
  readonly messages: readonly ChatMessage[];
  readonly cache: CacheSetting;
  /** The conversation's prompt cache key. */
  readonly key: string;
  readonly context: NextTurnContext;
  /** A budget checks the call: it needs the prompt's billing. */
  readonly budgeted: boolean;
}

/** The caching of a request and, for a budget, how its prompt will be billed. */
export interface PreparedRequest {
  readonly cache: RequestCache | undefined;
  readonly promptUsage: Usage | undefined;
}

/**
 * Keeps the size of the conversation a chat session holds, for the next-turn figure: measured
 * by each call's usage, counted with the tokenizer when no call has measured it (a system
 * prompt, a loaded conversation). Listeners hear every change (the status bar subscribes).
 */
export class ConversationMeter {
  readonly #estimator: () => Promise<TokenEstimator>;
  #size: ConversationSize | null = EMPTY_CONVERSATION;
  #measuring: Promise<void> | null = null;
  readonly #listeners = new Set<() => void>();
  /** Tokens of each message, counted once (the history is resent every turn). */
  readonly #messageTokens = new WeakMap<ChatMessage, number>();

  constructor(estimator: () => Promise<TokenEstimator>) {
    this.#estimator = estimator;
  }

  /** The size, or null while it waits to be counted. */
  get size(): ConversationSize | null {
    return this.#size;
  }

  /** Sets the size measured by a call (or null: count the conversation again) and tells listeners. */
  set(size: ConversationSize | null): void {
    this.#size = size;
    this.changed();
  }

  /** Tells the listeners that the figure changed (a new model prices it differently). */
  changed(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Calls `listener` on every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Counts `system` and `history` with the tokenizer when the size is unknown; resolves once
   * counted. Never rejects: a tokenizer that cannot load leaves the size unknown.
   */
  measure(system: string | undefined, history: () => readonly ChatMessage[]): Promise<void> {
    if (this.#size !== null) return Promise.resolve();
    this.#measuring ??= this.#estimator().then(
      (counter) => {
        this.#measuring = null;
        if (this.#size !== null) return;
        const tokens = this.promptTokens(counter, system, history());
        this.set({ ...EMPTY_CONVERSATION, tokens, estimated: true });
      },
      () => {
        this.#measuring = null;
      },
    );
    return this.#measuring;
  }

  /**
   * Starts a new conversation: only `system` is left to resend, counted with the tokenizer.
   * When `systemCached(model, tokens)` says a system prompt that long is its own cached prefix
   * for the model whose cache was warm (Anthropic breakpoints reaching the minimum), that
   * cache stays warm for it: the new conversation reads the system prompt from it.
   */
  restart(
    system: string | undefined,
    systemCached: (model: string, tokens: number) => boolean,
  ): Promise<void> {
    const before = this.#size;
    this.set(system ? null : EMPTY_CONVERSATION);
    if (!system) return Promise.resolve();
    return this.measure(system, () => []).then(() => {
      const counted = this.#size;
      // A call (or another restart) measured the conversation meanwhile: its figures stand.
      if (counted === null || !counted.estimated || counted.cachedAtMs !== null) return;
      if (before?.cachedAtMs == null || before.cachedModel === null) return;
      if (!systemCached(before.cachedModel, counted.tokens)) return;
      const { cachedAtMs, cachedModel } = before;
      this.set({ ...counted, cachedTokens: counted.tokens, cachedAtMs, cachedModel });
    });
  }

  /**
   * The caching of a request (breakpoints where prefixes reach the minimum) and, when budgeted,
   * its prompt billed as the next-turn figure says plus the new message. Only breakpoints and
   * budgets wait for the tokenizer.
   */
  async prepare(request: RequestToPrepare): Promise<PreparedRequest> {
    const { system, messages, context } = request;
    const breakpoints = request.cache !== 'off' && context.rules.style === 'breakpoints';
    const counter = breakpoints || request.budgeted ? await this.#estimator() : undefined;
    const cache = planCache({
      cache: request.cache,
      key: request.key,
      rules: context.rules,
      systemTokens: counter ? this.systemTokens(counter, system) : 0,
      messageTokens: counter ? messages.map((message) => this.tokensOf(message, counter)) : [],
    });
    const newMessage = messages.at(-1);
    if (!request.budgeted || !counter || !newMessage) return { cache, promptUsage: undefined };
    const size = this.#size ?? {
      ...EMPTY_CONVERSATION,
      tokens: this.promptTokens(counter, system, messages.slice(0, -1)),
      estimated: true,
    };
    const promptUsage = nextTurnUsage(size, context, this.tokensOf(newMessage, counter));
    return { cache, promptUsage };
  }

  /** Tokens of one message with its framing, as the tokenizer counts them (cached per message). */
  tokensOf(message: ChatMessage, counter: TokenEstimator): number {
    let tokens = this.#messageTokens.get(message);
    if (tokens === undefined) {
      tokens = counter.countTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;
      this.#messageTokens.set(message, tokens);
    }
    return tokens;
  }

  /** Tokens of a system prompt with its framing; 0 when there is none. */
  systemTokens(counter: TokenEstimator, system: string | undefined): number {
    return system ? counter.countTokens(system) + MESSAGE_OVERHEAD_TOKENS : 0;
  }

  /** Tokens of a whole prompt: the system prompt and every message. */
  promptTokens(
    counter: TokenEstimator,
    system: string | undefined,
    messages: readonly ChatMessage[],
  ): number {
    return messages.reduce(
      (sum, message) => sum + this.tokensOf(message, counter),
      this.systemTokens(counter, system),
    );
  }
}
