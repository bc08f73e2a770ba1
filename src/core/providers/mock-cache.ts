import { createHash, type Hash } from 'node:crypto';
import { type Usage, ZERO_USAGE } from '../usage/types';
import { cacheableTokens, cacheRulesFor } from './cache-rules';
import type { ProviderRequest } from './types';

/** How many blocks before a breakpoint Anthropic looks back for an earlier cached prefix. */
const LOOKBACK_BLOCKS = 20;

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

/** Tokens of a request's parts as the mock counts them (framing included). */
export interface PromptCounts {
  readonly systemTokens: number;
  readonly messageTokens: readonly number[];
}

/** The prompt buckets of one call: uncached input, cache reads and writes. */
export type PromptUsage = Pick<
  Usage,
  'inputTokens' | 'cacheReadTokens' | 'cacheWrite5mTokens' | 'cacheWrite1hTokens'
>;

interface Boundary {
  /** Identifies the prefix up to here (the system prompt, then each message). */
  readonly digest: string;
  readonly tokens: number;
  /** -1 for the end of the system prompt, else the message index. */
  readonly index: number;
}

/**
 * The mock's prompt cache, modelling the provider of the simulated model: with breakpoints
 * (Claude ids), a prefix ending at a breakpoint and at least the model's minimum long is written
 * at the write rate of its TTL, and a later request reads the longest live prefix it repeats
 * (looking back up to 20 blocks from its last breakpoint); with automatic caching (any other id),
 * every prompt of at least 1,024 tokens is kept per cache key for 5 minutes, read in 128-token
 * steps, never billed as a write. Each use renews an entry's TTL.
 */
export class MockPromptCache {
  readonly #nowMs: () => number;
  /** Prefix key -> when it expires, epoch ms. */
  readonly #entries = new Map<string, number>();

  constructor(nowMs: () => number) {
    this.#nowMs = nowMs;
  }

  /** Bills the prompt of `request` against the cache and stores what it writes. */
  bill(request: ProviderRequest, counts: PromptCounts): PromptUsage {
    const rules = cacheRulesFor('mock', request.model);
    const boundaries = boundariesOf(request, counts);
    const total = boundaries.at(-1)?.tokens ?? 0;
    const now = this.#nowMs();
    const live = (key: string) => (this.#entries.get(key) ?? 0) > now;
    const cache = request.cache;
    if (rules.style === 'automatic') {
      const scope = `${request.model}|${cache?.key ?? ''}|`;
      const hit = boundaries.findLast((b) => live(scope + b.digest));
      const read = hit ? cacheableTokens(rules, hit.tokens) : 0;
      for (const b of boundaries) {
        if (b.tokens >= rules.minimumTokens) this.#entries.set(scope + b.digest, now + TTL_MS['5m']);
      }
      return { ...ZERO_USAGE, inputTokens: total - read, cacheReadTokens: read };
    }
    if (!cache) return { ...ZERO_USAGE, inputTokens: total };
    const scope = `${request.model}|`;
    const marked = boundaries.filter((b) =>
      b.index < 0 ? cache.systemBreakpoint : cache.messageBreakpoints.includes(b.index),
    );
    const lastMark = marked.at(-1);
    const lastPosition = lastMark ? boundaries.indexOf(lastMark) : -1;
    const hit = boundaries
      .slice(Math.max(0, lastPosition - LOOKBACK_BLOCKS), lastPosition + 1)
      .findLast((b) => live(scope + b.digest));
    const read = hit?.tokens ?? 0;
    const expiry = now + TTL_MS[cache.ttl];
    if (hit) this.#entries.set(scope + hit.digest, expiry);
    let written = read;
    for (const b of marked) {
      if (b.tokens < rules.minimumTokens) continue;
      this.#entries.set(scope + b.digest, expiry);
      written = Math.max(written, b.tokens);
    }
    const write = written - read;
    const bucket = cache.ttl === '1h' ? 'cacheWrite1hTokens' : 'cacheWrite5mTokens';
    return { ...ZERO_USAGE, inputTokens: total - written, cacheReadTokens: read, [bucket]: write };
  }
}

/** The end of the system prompt and of each message, with the prefix's digest and tokens. */
function boundariesOf(request: ProviderRequest, counts: PromptCounts): Boundary[] {
  const hash: Hash = createHash('sha256');
  hash.update(`system:${request.system ?? ''}\u0000`);
  let tokens = counts.systemTokens;
  const boundaries: Boundary[] = [{ digest: hash.copy().digest('hex'), tokens, index: -1 }];
  request.messages.forEach((message, index) => {
    hash.update(`${message.role}:${message.content}\u0000`);
    tokens += counts.messageTokens[index] ?? 0;
    boundaries.push({ digest: hash.copy().digest('hex'), tokens, index });
  });
  return boundaries;
}
