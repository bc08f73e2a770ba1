import { inferProvider } from '../model-id';
import type { CacheTtl } from './types';

/**
 * How a provider caches prompts. `breakpoints` (Anthropic): only prefixes ending at a marked
 * block are cached, written at the write rate of their TTL, each at least `minimumTokens` long,
 * and a request holds at most {@link MAX_CACHE_BREAKPOINTS} marks. `automatic` (OpenAI): every
 * prompt of at least `minimumTokens` is cached by itself in steps of `stepTokens`, for free.
 */
export interface CacheRules {
  readonly style: 'breakpoints' | 'automatic';
  /** The shortest prefix a cache holds, tokens. */
  readonly minimumTokens: number;
  /** Cached prefixes are counted in whole steps of this many tokens (1 for Anthropic). */
  readonly stepTokens: number;
}

/** Anthropic refuses a request with more `cache_control` blocks than this. */
export const MAX_CACHE_BREAKPOINTS = 4;

/**
 * Anthropic's minimum cacheable prefix per model family, first match wins; a shorter prefix is
 * silently not cached. From the prompt-caching page of Anthropic's docs (as quoted in
 * anthropics/anthropic-sdk-python#1194, 2026) and the LiteLLM docs table updated 2026-10-07.
 */
const ANTHROPIC_MINIMUMS: readonly (readonly [RegExp, number])[] = [
  [/opus-5|fable-5|mythos-5/, 512],
  [/opus-4-[56]|haiku-4-5/, 4096],
  [/opus-4-7/, 2048],
  [/3-haiku|3-5-haiku/, 2048],
];

/** The minimum for a Claude model no entry names (Sonnet 4.x, Opus 4 and 4.1, Claude 3.x). */
const ANTHROPIC_DEFAULT_MINIMUM = 1024;

/** OpenAI caches prompts of 1,024 tokens or more, in 128-token steps. */
const OPENAI_RULES: CacheRules = { style: 'automatic', minimumTokens: 1024, stepTokens: 128 };

/**
 * The cache rules for a call to `model` through `providerId`. The mock follows the provider the
 * id belongs to (Claude ids Anthropic's rules, anything else OpenAI's).
 */
export function cacheRulesFor(providerId: string, model: string): CacheRules {
  const provider = providerId === 'mock' ? inferProvider(model) : providerId;
  if (provider !== 'anthropic') return OPENAI_RULES;
  const id = model.toLowerCase();
  const minimum = ANTHROPIC_MINIMUMS.find(([pattern]) => pattern.test(id))?.[1];
  return {
    style: 'breakpoints',
    minimumTokens: minimum ?? ANTHROPIC_DEFAULT_MINIMUM,
    stepTokens: 1,
  };
}

/** `tokens` rounded down to the rules' step; 0 below the minimum. */
export function cacheableTokens(rules: CacheRules, tokens: number): number {
  if (tokens < rules.minimumTokens) return 0;
  return tokens - (tokens % rules.stepTokens);
}

/**
 * Whether a request asks to cache a prompt of `tokens` under `cache`: breakpoints only, and only
 * once the prompt reaches the model's minimum (automatic caching needs no request).
 */
export function marksPrompt(
  rules: CacheRules,
  cache: CacheTtl | 'off',
  tokens: number,
): cache is CacheTtl {
  return cache !== 'off' && rules.style === 'breakpoints' && tokens >= rules.minimumTokens;
}
