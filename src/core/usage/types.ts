/**
 * Normalised usage of one call: six disjoint buckets, all integers >= 0 (DESIGN §4).
 * `reasoningTokens` is a part of `outputTokens`, shown separately and never billed twice.
 */
export interface Usage {
  /** Uncached prompt tokens. */
  readonly inputTokens: number;
  /** Prompt tokens read from a cache. */
  readonly cacheReadTokens: number;
  /** Prompt tokens written to a 5-minute cache. */
  readonly cacheWrite5mTokens: number;
  /** Prompt tokens written to a 1-hour cache. */
  readonly cacheWrite1hTokens: number;
  /** All billed output tokens, reasoning included. */
  readonly outputTokens: number;
  /** The reasoning part of `outputTokens`. */
  readonly reasoningTokens: number;
  /**
   * The audio part of `inputTokens` (uncached audio input), billed at the model's audio input
   * rate; absent means 0. Not a bucket of its own: totals and tables count it inside input.
   */
  readonly inputAudioTokens?: number;
  /** The audio part of `outputTokens`, billed at the audio output rate; absent means 0. */
  readonly outputAudioTokens?: number;
}

/** The usage of a call that consumed nothing. */
export const ZERO_USAGE: Usage = Object.freeze({
  inputTokens: 0,
  cacheReadTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
});

/** The names of the six usage buckets, in display order. */
export const USAGE_BUCKETS = [
  'inputTokens',
  'cacheReadTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'outputTokens',
  'reasoningTokens',
] as const satisfies readonly (keyof Usage)[];

/** One of the six usage buckets. */
export type UsageBucket = (typeof USAGE_BUCKETS)[number];

/**
 * The bucket-by-bucket sum of two usages, frozen: the six buckets only, in
 * {@link USAGE_BUCKETS} order (the audio parts are inside input and output already).
 */
export function addUsage(a: Usage, b: Usage): Usage {
  const sum: Record<UsageBucket, number> = { ...ZERO_USAGE };
  for (const bucket of USAGE_BUCKETS) sum[bucket] = a[bucket] + b[bucket];
  return Object.freeze(sum);
}

/** Which figure a call's cost is: our list-price computation, or the charge the provider reported. */
export type CostSource = 'list' | 'provider';

/**
 * What a provider said about a call's billing besides its token counts, carried beside the usage
 * from the adapter to the session.
 */
export interface CallBilling {
  /** The charge the provider reported (OpenRouter `usage.cost`, xAI `cost_in_usd_ticks`), pico-USD. */
  readonly providerCostPicoUsd?: bigint;
  /** The service tier that served the call as the provider reports it (OpenAI `service_tier`). */
  readonly serviceTier?: string;
}

/** Whether a session talks to real providers or to the offline mock. */
export type SessionMode = 'real' | 'mock';

/** How a call ended (DESIGN §4). `estimated` is a separate flag on the record. */
export type CallOutcome = 'ok' | 'failed' | 'aborted';

/** One ended call as recorded by the tracker and the ledger. Money is integer pico-USD. */
export interface CallRecord {
  /** Unique id of the call (random UUID). */
  readonly callId: string;
  /** The session the call belongs to. */
  readonly sessionId: string;
  /** `openai`, `anthropic` or `mock` (an OpenAI-compatible server is `openai`). */
  readonly provider: string;
  /** The model id as requested. */
  readonly model: string;
  readonly outcome: CallOutcome;
  readonly usage: Usage;
  /** True when any bucket was counted with the tokenizer instead of reported by the provider. */
  readonly estimated: boolean;
  /**
   * Real cost in pico-USD: the provider's reported charge when it sent one, else our list-price
   * figure; `null` when neither exists (unpriced, never $0). Mock: 0n.
   */
  readonly costPicoUsd: bigint | null;
  /** Which figure `costPicoUsd` is; absent means `list`. */
  readonly costSource?: CostSource;
  /** Our list-price figure, kept beside a provider's charge (null: the model has no price). */
  readonly listCostPicoUsd?: bigint | null;
  /** The charge the provider reported, or null/absent when it sent none. */
  readonly providerCostPicoUsd?: bigint | null;
  /** The service tier the provider reported (or that was requested), or null/absent. */
  readonly serviceTier?: string | null;
  /** Mock mode simulating a priced model: what the call would have cost; never in real totals. */
  readonly simulatedCostPicoUsd: bigint | null;
  /** What the cache-read tokens saved against the uncached input rate, pico-USD (0n if none). */
  readonly cacheSavingsPicoUsd: bigint;
  /**
   * What the cache-write tokens cost over the uncached input rate, pico-USD; absent when not
   * known (calls recorded before the ledger kept it), which counts as nothing.
   */
  readonly cacheWritePremiumPicoUsd?: bigint;
  /** Wall time from request to the end of the call, milliseconds. */
  readonly latencyMs: number;
  /** Kind of the provider error for failed and aborted calls. */
  readonly errorKind: string | null;
  /** When the call ended, epoch milliseconds. */
  readonly endedAtMs: number;
  /**
   * The client that made the call through `chatmeter proxy` (`claude-cli`, `codex`,
   * `openai-python`, or its `--tag`); absent for calls of chatmeter's own chat.
   */
  readonly tool?: string | null;
  /**
   * Streamed replies (more than one piece of text): milliseconds from the request to the first
   * piece. Absent for replies that came whole, and for calls read back from the ledger.
   */
  readonly timeToFirstChunkMs?: number;
  /**
   * Why the provider says the reply stopped (`end_turn`, `stop`, `max_tokens`, `length`,
   * `content_filter`, `refusal`, a Responses incomplete reason), as it says it; null when it did
   * not say or the call did not end normally. See `core/chat/stop-reason.ts` for which mean cut.
   */
  readonly stopReason?: string | null;
  /** The model the provider said answered (`gpt-4o-mini-2024-07-18`), when it said; not stored. */
  readonly responseModel?: string;
}

/** Receives every ended call (the tracker, the ledger). */
export interface CallSink {
  record(call: CallRecord): void;
  /** Shown in the warning when `record` throws, e.g. `usage ledger` (optional). */
  readonly name?: string;
}

/** The id of the mock provider's own model; any other id in mock mode is a simulated model. */
export const PLAIN_MOCK_MODEL = 'mock';

/**
 * True for a mock call (or model row) that simulated a model without a price: it has no
 * simulated cost, and it is not the plain mock model (which costs nothing by design).
 */
export function simulatesUnpricedModel(figures: {
  readonly provider: string;
  readonly model: string;
  readonly simulatedCostPicoUsd: bigint | null;
}): boolean {
  return (
    figures.provider === 'mock' &&
    figures.model !== PLAIN_MOCK_MODEL &&
    figures.simulatedCostPicoUsd === null
  );
}
