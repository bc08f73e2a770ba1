import { cacheWriteTokensOf, priceUsage, promptTokensOf } from '../pricing/cost';
import type { ModelInfo } from '../pricing/model-info';
import type { PriceTable } from '../pricing/types';
import { cacheableTokens, type CacheRules, marksPrompt } from '../providers/cache-rules';
import type { CacheTtl } from '../providers/types';
import { type Usage, ZERO_USAGE } from '../usage/types';

/** `--cache`: a TTL for the cache entries chatmeter asks for, or `off` to ask for none. */
export type CacheSetting = CacheTtl | 'off';

/** How long an entry stays warm after its last use, ms. OpenAI keeps its own for 5 minutes or more. */
const TTL_MS: Readonly<Record<CacheTtl, number>> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/** The conversation a session holds, as the next request will resend it. */
export interface ConversationSize {
  /** Tokens of the whole conversation: system prompt, every message and the last reply. */
  readonly tokens: number;
  /** The leading part a provider's cache holds (from the last call's cache figures). */
  readonly cachedTokens: number;
  /** When that cache was last used, epoch ms; null when nothing is cached. */
  readonly cachedAtMs: number | null;
  /** The model whose cache holds it (a cache belongs to one model). */
  readonly cachedModel: string | null;
  /** Counted with the tokenizer (a resumed conversation, an estimated call), not reported. */
  readonly estimated: boolean;
}

/** An empty conversation with no system prompt: the next turn resends nothing. */
export const EMPTY_CONVERSATION: ConversationSize = {
  tokens: 0,
  cachedTokens: 0,
  cachedAtMs: null,
  cachedModel: null,
  estimated: false,
};

/**
 * The size of the conversation after a call with `usage` whose reply joined the history: the
 * prompt it sent plus its output. The cached part is what the provider read or wrote
 * (`breakpoints`), or the whole prompt in the provider's steps (`automatic`).
 */
export function sizeAfterCall(
  usage: Usage,
  estimated: boolean,
  rules: CacheRules,
  model: string,
  endedAtMs: number,
): ConversationSize {
  const prompt = promptTokensOf(usage);
  const cachedTokens =
    rules.style === 'automatic'
      ? cacheableTokens(rules, prompt)
      : usage.cacheReadTokens + cacheWriteTokensOf(usage);
  return {
    tokens: prompt + usage.outputTokens,
    cachedTokens,
    cachedAtMs: cachedTokens > 0 ? endedAtMs : null,
    cachedModel: cachedTokens > 0 ? model : null,
    estimated,
  };
}

/**
 * The size after a call, keeping what earlier calls left in the cache when this one was counted
 * with the tokenizer (cut, cancelled) and so reported no cache figures: such a call evicts
 * nothing, and the conversation still starts with the prefix the cache holds.
 */
export function withEarlierCache(
  size: ConversationSize,
  earlier: ConversationSize | null,
): ConversationSize {
  if (!size.estimated || size.cachedAtMs !== null) return size;
  if (earlier === null || earlier.cachedAtMs === null) return size;
  return {
    ...size,
    cachedTokens: Math.min(earlier.cachedTokens, size.tokens),
    cachedAtMs: earlier.cachedAtMs,
    cachedModel: earlier.cachedModel,
  };
}

/** What decides how the next request's prompt is billed. */
export interface NextTurnContext {
  readonly model: string;
  readonly rules: CacheRules;
  readonly cache: CacheSetting;
  readonly nowMs: number;
}

/**
 * The usage buckets of the next request's prompt (output 0): the conversation plus
 * `extraTokens` (the new message, when known). The cached part is read while warm (same model,
 * within the TTL); with breakpoints the rest is written at the TTL's rate once the prompt
 * reaches the minimum, else it is uncached input.
 */
export function nextTurnUsage(
  size: ConversationSize,
  context: NextTurnContext,
  extraTokens = 0,
): Usage {
  const { rules, cache } = context;
  const coldAtMs = cacheColdAtMs(size, context);
  const warm = coldAtMs !== null && context.nowMs < coldAtMs;
  const total = size.tokens + extraTokens;
  const read = warm ? Math.min(size.cachedTokens, total) : 0;
  const rest = total - read;
  if (marksPrompt(rules, cache, total)) {
    const write = cache === '1h' ? 'cacheWrite1hTokens' : 'cacheWrite5mTokens';
    return { ...ZERO_USAGE, cacheReadTokens: read, [write]: rest };
  }
  return { ...ZERO_USAGE, cacheReadTokens: read, inputTokens: rest };
}

/**
 * When the conversation's cache goes cold (epoch ms): its last use plus the TTL, or null when
 * nothing is cached for this model.
 */
function cacheColdAtMs(size: ConversationSize, context: NextTurnContext): number | null {
  if (size.cachedAtMs === null || size.cachedModel !== context.model) return null;
  const { rules, cache } = context;
  return size.cachedAtMs + TTL_MS[cache === 'off' || rules.style === 'automatic' ? '5m' : cache];
}

/** The least the next turn will cost, and how full the context window is. */
export interface NextTurnFigure {
  /** Tokens the next request resends (before the new message). */
  readonly promptTokens: number;
  /** How they are billed: cache reads, writes and uncached input. */
  readonly usage: Usage;
  /** Their cost at the model's rates, pico-USD; null when the model is unpriced. */
  readonly costPicoUsd: bigint | null;
  /** The model's context window, tokens (null when unknown). */
  readonly contextWindowTokens: number | null;
  /** Counted with the tokenizer rather than reported by the provider (shown with `~`). */
  readonly estimated: boolean;
  /** When the cache reads in `usage` stop being reads (epoch ms); null when there are none. */
  readonly coldAtMs?: number | null;
}

/** Prices the next turn's prompt through the price layer (a simulated cost in mock mode). */
export function nextTurnFigure(
  size: ConversationSize,
  context: NextTurnContext,
  model: ModelInfo,
  table: PriceTable,
): NextTurnFigure {
  const usage = nextTurnUsage(size, context);
  return {
    coldAtMs: usage.cacheReadTokens > 0 ? cacheColdAtMs(size, context) : null,
    promptTokens: size.tokens,
    usage,
    costPicoUsd: priceUsage(table, model.id, usage).cost?.totalPicoUsd ?? null,
    contextWindowTokens: model.contextWindowTokens,
    estimated: size.estimated,
  };
}
