import { describeModel, type ModelInfo } from '../pricing/model-info';
import { randomUUID } from 'node:crypto';
import { ConfigError, errorMessage } from '../errors';
import type { PriceTable } from '../pricing/types';
import type { PreflightGuard } from '../budget/preflight';
import {
  type ChatMessage,
  type ChatProvider,
  DEFAULT_MAX_OUTPUT_TOKENS,
  type ProviderRequest,
} from '../providers/types';
import type { CallBilling, CallRecord, CallSink, SessionMode, Usage } from '../usage/types';
import { type CallCost, costOfCall, needsEstimate, settleCall } from './call-outcome';
import { type Clock, streamCall } from './call-stream';
import { lazyTokenEstimator, type TokenEstimator } from '../tokens/estimate';
import type { ChatEvent, TurnSink } from './types';
import {
  type ChatSessionOptions,
  type LoadedConversation,
  type ModelSwitchResult,
  type ProviderFactory,
  unpricedModelNotice,
} from './session-types';
import { modelIdProblem } from '../model-id';
import { cacheRulesFor, marksPrompt } from '../providers/cache-rules';
import { ConversationMeter } from './conversation-meter';
import { recordInSinks } from './record-call';
import {
  type CacheSetting,
  EMPTY_CONVERSATION,
  type NextTurnContext,
  type NextTurnFigure,
  nextTurnFigure,
  sizeAfterCall,
  withEarlierCache,
} from './next-turn';

const systemClock: Clock = { nowMs: () => Date.now() };

/**
 * One conversation with one model at a time. `send` streams a reply as ChatEvents and records
 * exactly one CallRecord per call in every sink, then emits `end` (or `blocked` when the guard
 * refuses and nothing is sent). Usage stays in the sinks across `clear()` and model switches.
 */
export class ChatSession {
  readonly sessionId: string;
  readonly mode: SessionMode;
  readonly priceTable: PriceTable;
  readonly maxTokens: number | undefined;
  readonly serviceTier: string | undefined;
  readonly cache: CacheSetting;
  /** The pre-flight guard asked before every call (a budget's), if any. */
  readonly guard: PreflightGuard | undefined;
  readonly #sinks: readonly CallSink[];
  readonly #factory: ProviderFactory;
  readonly #clock: Clock;
  readonly #estimator: () => Promise<TokenEstimator>;
  readonly #turns: TurnSink | undefined;
  #provider: ChatProvider;
  #model: string;
  #info: ModelInfo;
  #history: ChatMessage[] = [];
  /** The system prompt the session was started with; `clear()` goes back to it. */
  readonly #baseSystem: string | undefined;
  #system: string | undefined;
  #conversationId: string = randomUUID();
  readonly #meter: ConversationMeter;
  #busy = false;
  #lastCost: {
    model: string;
    usage: Usage;
    billing: CallBilling | null;
    cost: CallCost;
  } | null = null;

  constructor(options: ChatSessionOptions) {
    this.sessionId = options.sessionId;
    this.mode = options.mode;
    this.priceTable = options.priceTable;
    this.#baseSystem = options.system;
    this.#system = options.system;
    this.maxTokens = options.maxTokens;
    this.serviceTier = options.serviceTier;
    this.cache = options.cache ?? 'off';
    this.guard = options.guard;
    this.#sinks = options.sinks;
    this.#factory = options.providerFactory;
    this.#clock = options.clock ?? systemClock;
    this.#estimator = options.estimator ?? lazyTokenEstimator();
    this.#turns = options.turns;
    this.#provider = options.provider;
    this.#model = options.model;
    this.#info = describeModel(this.priceTable, options.model, options.provider.id, this.mode);
    this.#meter = new ConversationMeter(this.#estimator);
    this.#resetSize();
  }

  /**
   * The id of the conversation the session holds: new with `clear()`, the saved one's when a
   * conversation is loaded. It is the prompt cache key sent with every request.
   */
  get conversationId(): string {
    return this.#conversationId;
  }

  /**
   * The least the next turn will cost (the conversation resent as input at the current model's
   * rates, cache reads where the cache is warm), or null while the conversation is being counted.
   */
  nextTurn(nowMs: number = this.#clock.nowMs()): NextTurnFigure | null {
    const size = this.#meter.size;
    if (size === null) return null;
    return nextTurnFigure(size, this.#cacheContext(nowMs), this.#info, this.priceTable);
  }

  /**
   * Calls `listener` whenever the next-turn figure changes (a call ended, the conversation was
   * cleared, loaded or counted, the model changed); a conversation not yet counted is counted
   * now. Returns the function that stops the calls.
   */
  subscribeNextTurn(listener: () => void): () => void {
    const stop = this.#meter.subscribe(listener);
    void this.measureConversation();
    return stop;
  }

  /** Counts the conversation with the tokenizer when no call has measured it (never rejects). */
  measureConversation(): Promise<void> {
    return this.#meter.measure(this.system, () => this.#history);
  }

  /**
   * Continues a saved conversation: its messages become the history and its id the prompt
   * cache key. The next-turn figure takes its measured size (a cold cache), or counts it again
   * with the tokenizer when there is none.
   */
  loadConversation(conversation: LoadedConversation): void {
    if (this.#busy) throw new Error('ChatSession.loadConversation called while a reply streams');
    this.#history = [...conversation.messages];
    this.#conversationId = conversation.id;
    if (conversation.system !== undefined) this.#system = conversation.system ?? undefined;
    this.#meter.set(conversation.size ?? null);
    void this.measureConversation();
  }

  /** The system prompt sent with each request: the session's, or a resumed conversation's. */
  get system(): string | undefined {
    return this.#system;
  }

  /** The model, its provider, price and context window, resolved once per choice of model. */
  get modelInfo(): ModelInfo {
    return this.#info;
  }

  /** The model id calls are sent to. */
  get model(): string {
    return this.#model;
  }

  /** `openai`, `anthropic` or `mock`. */
  get providerId(): string {
    return this.#provider.id;
  }

  /** The conversation so far (user and assistant messages). */
  get history(): readonly ChatMessage[] {
    return this.#history;
  }

  /** Whether a reply is streaming now. */
  get busy(): boolean {
    return this.#busy;
  }

  /** Starts a new conversation; recorded usage is kept. */
  clear(): void {
    this.#history = [];
    this.#system = this.#baseSystem;
    this.#conversationId = randomUUID();
    void this.#meter.restart(this.system, (model, tokens) =>
      marksPrompt(cacheRulesFor(this.#provider.id, model), this.cache, tokens),
    );
    this.#turns?.newConversation();
  }

  /**
   * Switches to another model. The provider follows the id (DESIGN §3); in mock mode the
   * provider stays mock and simulates the model. An unknown model is allowed, metered and unpriced.
   */
  switchModel(modelId: string): ModelSwitchResult {
    const id = modelId.trim();
    if (id.length === 0) return { ok: false, message: 'Give a model id, e.g. /model gpt-5-mini.' };
    if (this.#busy) return { ok: false, message: 'Wait for the reply to finish, or cancel it.' };
    const problem = modelIdProblem(id);
    if (problem) return { ok: false, message: `The ${problem}` };
    if (this.mode === 'real') {
      try {
        this.#provider = this.#factory(id);
      } catch (error) {
        if (error instanceof ConfigError) return { ok: false, message: error.message };
        throw error;
      }
    }
    this.#model = id;
    this.#info = describeModel(this.priceTable, id, this.#provider.id, this.mode);
    this.#meter.changed();
    const priced = this.#info.price !== undefined;
    const simulated = this.#info.simulated;
    const notices: string[] = [];
    if (!priced && id !== 'mock') notices.push(unpricedModelNotice(id));
    return { ok: true, model: id, providerId: this.#provider.id, priced, simulated, notices };
  }

  /** Sends one user message and streams the reply; see {@link ChatEvent} for the protocol. */
  async *send(text: string, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    if (this.#busy) throw new Error('ChatSession.send called while a reply is still streaming');
    this.#busy = true;
    try {
      yield* this.#send(text, signal);
    } finally {
      this.#busy = false;
    }
  }

  async *#send(text: string, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    const messages = [...this.#history, { role: 'user', content: text } as const];
    const context = this.#cacheContext(this.#clock.nowMs());
    const prepared = await this.#meter.prepare({
      system: this.system,
      messages,
      cache: this.cache,
      key: this.#conversationId,
      context,
      budgeted: this.guard !== undefined,
    });
    const request: ProviderRequest = {
      model: this.#model,
      system: this.system,
      messages,
      maxTokens: this.maxTokens,
      ...(this.#requestedTier() ? { serviceTier: this.#requestedTier() } : {}),
      ...(prepared.cache ? { cache: prepared.cache } : {}),
    };
    // The budget checks the same figure the status bar shows, plus the new message.
    const decision = this.guard?.({
      model: this.#model,
      promptText: [this.system ?? '', ...messages.map((m) => m.content)].join('\n'),
      maxOutputTokens: this.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
      ...(prepared.promptUsage ? { promptUsage: prepared.promptUsage } : {}),
    }) ?? { action: 'allow' };
    if (decision.action === 'block') {
      yield { type: 'blocked', message: decision.message };
      return;
    }
    if (decision.action === 'warn')
      yield { type: 'notice', level: 'warn', message: decision.message };

    const model = this.#model;
    const provider = this.#provider;
    const startMs = this.#clock.nowMs();
    const streamed = yield* streamCall({
      provider,
      request,
      signal,
      clock: this.#clock,
      estimator: this.#estimator,
      progress: (usage, estimated, billing) =>
        this.#progress(model, usage, estimated, billing, startMs),
    });
    const { result } = streamed;
    const { reply, error } = result;
    const loaded = needsEstimate(result) ? await streamed.estimator() : undefined;
    const settled = settleCall(result, () => ({
      promptTokens: loaded?.countPromptTokens(this.system, messages) ?? 0,
      replyTokens: loaded?.countTokens(reply) ?? 0,
    }));
    if (!streamed.exact && settled.outcome === 'ok' && !settled.estimated) {
      yield this.#progress(model, settled.usage, false, result.billing, startMs);
    }
    const cost = this.#cost(model, settled.usage, result.billing, startMs);
    const endMs = this.#clock.nowMs();
    const call: CallRecord = {
      callId: randomUUID(),
      sessionId: this.sessionId,
      provider: provider.id,
      model,
      outcome: settled.outcome,
      usage: settled.usage,
      estimated: settled.estimated,
      ...cost,
      latencyMs: Math.max(0, endMs - startMs),
      errorKind: error?.kind ?? null,
      endedAtMs: endMs,
      stopReason: error ? null : (result.stopReason ?? null),
      ...(streamed.responseModel === null ? {} : { responseModel: streamed.responseModel }),
      ...(streamed.firstChunkAtMs === null
        ? {}
        : { timeToFirstChunkMs: Math.max(0, streamed.firstChunkAtMs - startMs) }),
    };
    const entered = settled.outcome !== 'failed' && reply.length > 0;
    if (entered) {
      this.#history = [...messages, { role: 'assistant', content: reply }];
      const size = sizeAfterCall(settled.usage, settled.estimated, context.rules, model, endMs);
      this.#meter.set(withEarlierCache(size, this.#meter.size));
    }
    yield* recordInSinks(this.#sinks, call);
    if (entered) {
      try {
        const { system = null } = this;
        this.#turns?.recordTurn({ conversationId: this.#conversationId, system, user: text, reply, call });
      } catch (turnError) {
        yield { type: 'notice', level: 'warn', message: errorMessage(turnError) };
      }
    }
    yield { type: 'end', call, reply, error };
  }

  /**
   * Prices usage at the call's service tier and start time (`atMs`), reusing the last result for
   * the same usage and billing objects (progress, then end).
   */
  #cost(model: string, usage: Usage, billing: CallBilling | null, atMs: number): CallCost {
    const last = this.#lastCost;
    if (last && last.model === model && last.usage === usage && last.billing === billing) {
      return last.cost;
    }
    const cost = costOfCall(this.priceTable, model, usage, this.mode, {
      billing,
      requestedServiceTier: this.#requestedTier() ?? null,
      atMs,
    });
    this.#lastCost = { model, usage, billing, cost };
    return cost;
  }

  /** What decides how the next request's prompt is billed: the model, its cache rules, `--cache`. */
  #cacheContext(nowMs: number): NextTurnContext {
    const rules = cacheRulesFor(this.#provider.id, this.#model);
    return { model: this.#model, rules, cache: this.cache, nowMs };
  }

  /** An empty conversation: nothing to resend but the system prompt (counted when there is one). */
  #resetSize(): void {
    this.#meter.set(this.system ? null : EMPTY_CONVERSATION);
  }

  /** The service tier to ask for: OpenAI only (another provider is never priced at one). */
  #requestedTier(): string | undefined {
    return this.#provider.id === 'openai' ? this.serviceTier : undefined;
  }

  #progress(
    model: string,
    usage: Usage,
    estimated: boolean,
    billing: CallBilling | null,
    atMs: number,
  ): ChatEvent {
    const cost = this.#cost(model, usage, billing, atMs);
    return {
      type: 'progress',
      usage,
      estimated,
      costPicoUsd: cost.costPicoUsd,
      simulatedCostPicoUsd: cost.simulatedCostPicoUsd,
    };
  }
}
