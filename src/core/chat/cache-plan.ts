import { MAX_CACHE_BREAKPOINTS, type CacheRules } from '../providers/cache-rules';
import type { RequestCache } from '../providers/types';
import type { CacheSetting } from './next-turn';

/** What choosing a request's cache breakpoints reads. */
export interface CachePlanInput {
  readonly cache: CacheSetting;
  /** The conversation's prompt cache key (stable until the conversation changes). */
  readonly key: string;
  readonly rules: CacheRules;
  /** Tokens of the system prompt with its framing; 0 when there is none. */
  readonly systemTokens: number;
  /** Tokens of each message with its framing, in order (the new user message last). */
  readonly messageTokens: readonly number[];
}

/**
 * The caching of one request, or undefined with `--cache off`. With breakpoints (Anthropic) the
 * system prompt, the last message of the previous turn and the new message each end a cached
 * prefix when that prefix reaches the model's minimum (a shorter one would not be cached, and
 * only counts against the limit of {@link MAX_CACHE_BREAKPOINTS}). The next turn then reads the
 * whole conversation so far from the cache and writes only what is new.
 */
export function planCache(input: CachePlanInput): RequestCache | undefined {
  if (input.cache === 'off') return undefined;
  const plan = { ttl: input.cache, key: input.key };
  const { rules, systemTokens, messageTokens } = input;
  if (rules.style === 'automatic') {
    return { ...plan, systemBreakpoint: false, messageBreakpoints: [] };
  }
  const systemBreakpoint = systemTokens > 0 && systemTokens >= rules.minimumTokens;
  const last = messageTokens.length - 1;
  const prefixTokens = (index: number) =>
    messageTokens.slice(0, index + 1).reduce((sum, tokens) => sum + tokens, systemTokens);
  const room = MAX_CACHE_BREAKPOINTS - (systemBreakpoint ? 1 : 0);
  const messageBreakpoints = [last - 1, last]
    .filter((index) => index >= 0 && prefixTokens(index) >= rules.minimumTokens)
    .slice(-room);
  return { ...plan, systemBreakpoint, messageBreakpoints };
}
