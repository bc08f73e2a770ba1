import { createHash, type Hash } from 'node:crypto';
import { type Usage, ZERO_USAGE } from '../usage/types';
import { cacheableTokens, cacheRulesFor } from './cache-rules';
import type { MockCacheFile } from './mock-cache-file';
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

/** Reads and renews the cache's entries (prefix key -> expiry, epoch ms). */
interface CacheAccess {
  live(key: string): boolean;
  keep(key: string, expiresAtMs: number): void;
}

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
  readonly #file: MockCacheFile | undefined;
  /** Prefix key -> when it expires, epoch ms. */
  #entries: Map<string, number> | undefined;

  /** `file`: where the cache is kept between runs (absent: in memory, for this process only). */
  constructor(nowMs: () => number, file?: MockCacheFile) {
    this.#nowMs = nowMs;
    this.#file = file;
  }

  /**
   * Bills the prompt of `request` against the cache and stores what it writes (in the file too,
   * when there is one; a file that cannot be written leaves the cache in memory).
   */
  bill(request: ProviderRequest, counts: PromptCounts): PromptUsage {
    const now = this.#nowMs();
    const entries = (this.#entries ??= new Map<string, number>());
    // What other runs wrote meanwhile (another chatmeter on the same conversation) counts too.
    for (const [key, expiresAtMs] of this.#file?.load(now) ?? []) {
      if (expiresAtMs > (entries.get(key) ?? 0)) entries.set(key, expiresAtMs);
    }
    let changed = false;
    const access: CacheAccess = {
      live: (key) => (entries.get(key) ?? 0) > now,
      keep: (key, expiresAtMs) => {
        entries.set(key, expiresAtMs);
        changed = true;
      },
    };
    const usage = this.#bill(request, counts, access, now);
    try {
      if (changed) this.#file?.save(entries, now);
    } catch {
      // A read-only data folder: later runs start cold, as after the TTL; this one still reads.
    }
    return usage;
  }

  #bill(
    request: ProviderRequest,
    counts: PromptCounts,
    { live, keep }: CacheAccess,
    now: number,
  ): PromptUsage {
    const rules = cacheRulesFor('mock', request.model);
    const boundaries = boundariesOf(request, counts);
    const total = boundaries.at(-1)?.tokens ?? 0;
    const cache = request.cache;
    if (rules.style === 'automatic') {
      const scope = `${request.model}|${cache?.key ?? ''}|`;
      const hit = boundaries.findLast((b) => live(scope + b.digest));
      const read = hit ? cacheableTokens(rules, hit.tokens) : 0;
      for (const b of boundaries) {
        if (b.tokens >= rules.minimumTokens) keep(scope + b.digest, now + TTL_MS['5m']);
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
    if (hit) keep(scope + hit.digest, expiry);
    let written = read;
    for (const b of marked) {
      if (b.tokens < rules.minimumTokens) continue;
      keep(scope + b.digest, expiry);
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
