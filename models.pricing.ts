/**
 * Built-in prices: DATA ONLY, read by src/core/pricing alone. Every price is USD per 1M tokens,
 * written as the decimal the provider publishes. A missing cache rate means the input rate
 * (OpenAI, Google, xAI and DeepSeek do not charge cache writes). A tier lists only the rates that
 * change once the whole prompt (input + cache read + cache writes) exceeds `above` tokens; it is
 * a cliff: every bucket of that request is billed at the tier's rates.
 *
 * Prices were transcribed from each provider's pricing page as it read on `priceDate` (this
 * machine has no network, so they could not be re-checked on the day of writing). Override or
 * add prices with `--pricing FILE` or the config key `pricing`.
 */
import type { BuiltinPricing } from './src/core/pricing/data-types';

const pricing: BuiltinPricing = {
  openai: {
    priceDate: '2025-11-15',
    source: 'https://platform.openai.com/docs/pricing',
    models: {
      'gpt-5': { input: 1.25, cacheRead: 0.125, output: 10, contextWindow: 400000 },
      'gpt-5-mini': { input: 0.25, cacheRead: 0.025, output: 2, contextWindow: 400000 },
      'gpt-5-nano': { input: 0.05, cacheRead: 0.005, output: 0.4, contextWindow: 400000 },
      'gpt-5.1': { input: 1.25, cacheRead: 0.125, output: 10, contextWindow: 400000 },
      'gpt-5-chat-latest': { input: 1.25, cacheRead: 0.125, output: 10, contextWindow: 128000 },
      'gpt-4.1': { input: 2, cacheRead: 0.5, output: 8, contextWindow: 1047576 },
      'gpt-4.1-mini': { input: 0.4, cacheRead: 0.1, output: 1.6, contextWindow: 1047576 },
      'gpt-4.1-nano': { input: 0.1, cacheRead: 0.025, output: 0.4, contextWindow: 1047576 },
      'gpt-4o': { input: 2.5, cacheRead: 1.25, output: 10, contextWindow: 128000 },
      // The first gpt-4o snapshot kept its launch price and has no cached-input discount.
      'gpt-4o-2024-05-13': { input: 5, output: 15, contextWindow: 128000 },
      'chatgpt-4o-latest': { input: 5, output: 15, contextWindow: 128000 },
      'gpt-4o-mini': { input: 0.15, cacheRead: 0.075, output: 0.6, contextWindow: 128000 },
      o1: { input: 15, cacheRead: 7.5, output: 60, contextWindow: 200000 },
      'o1-mini': { input: 1.1, cacheRead: 0.55, output: 4.4, contextWindow: 128000 },
      // o3 as repriced in June 2025 (was $10 / $40); the pricing page lists $2 / $8.
      o3: { input: 2, cacheRead: 0.5, output: 8, contextWindow: 200000 },
      'o3-pro': { input: 20, output: 80, contextWindow: 200000 },
      'o3-mini': { input: 1.1, cacheRead: 0.55, output: 4.4, contextWindow: 200000 },
      'o4-mini': { input: 1.1, cacheRead: 0.275, output: 4.4, contextWindow: 200000 },
    },
  },
  anthropic: {
    // Cache writes: 5-minute = 1.25x input, 1-hour = 2x input; cache reads = 0.1x input.
    priceDate: '2026-02-20',
    source: 'https://docs.claude.com/en/docs/about-claude/pricing',
    models: {
      'claude-opus-4-6': {
        input: 5,
        cacheWrite5m: 6.25,
        cacheWrite1h: 10,
        cacheRead: 0.5,
        output: 25,
        // Was 200k with a 2x / 1.5x tier above 200k (1M beta). The 1M window went GA on 2026-03-13
        // at the standard rates across the whole window: platform.claude.com/docs/en/models/
        // opus-4-6/overview lists 1M context at $5 / $25 with no long-context tier.
        contextWindow: 1000000,
        priceDate: '2026-03-13',
      },
      'claude-opus-4-5': {
        input: 5,
        cacheWrite5m: 6.25,
        cacheWrite1h: 10,
        cacheRead: 0.5,
        output: 25,
        contextWindow: 200000,
        aliases: ['claude-opus-4-5-20251101', 'claude-opus-4.5'],
      },
      'claude-opus-4-1': {
        input: 15,
        cacheWrite5m: 18.75,
        cacheWrite1h: 30,
        cacheRead: 1.5,
        output: 75,
        contextWindow: 200000,
        aliases: ['claude-opus-4-1-20250805', 'claude-opus-4.1'],
      },
      'claude-opus-4': {
        input: 15,
        cacheWrite5m: 18.75,
        cacheWrite1h: 30,
        cacheRead: 1.5,
        output: 75,
        contextWindow: 200000,
        aliases: ['claude-opus-4-20250514', 'claude-opus-4-0'],
      },
      'claude-sonnet-4-6': {
        input: 3,
        cacheWrite5m: 3.75,
        cacheWrite1h: 6,
        cacheRead: 0.3,
        output: 15,
        // Was 200k with a 2x / 1.5x tier above 200k; 1M GA at standard rates since 2026-03-13
        // (platform.claude.com/docs/en/models/sonnet-4-6/overview: 1M context, $3 / $15).
        contextWindow: 1000000,
        priceDate: '2026-03-13',
        aliases: ['claude-sonnet-4.6'],
      },
      'claude-sonnet-4-5': {
        input: 3,
        cacheWrite5m: 3.75,
        cacheWrite1h: 6,
        cacheRead: 0.3,
        output: 15,
        // 200k by default; 1M with the context-1m beta header, where the tier below applies.
        contextWindow: 200000,
        tiers: [
          {
            above: 200000,
            input: 6,
            cacheWrite5m: 7.5,
            cacheWrite1h: 12,
            cacheRead: 0.6,
            output: 22.5,
          },
        ],
        aliases: ['claude-sonnet-4-5-20250929', 'claude-sonnet-4.5'],
      },
      'claude-sonnet-4': {
        input: 3,
        cacheWrite5m: 3.75,
        cacheWrite1h: 6,
        cacheRead: 0.3,
        output: 15,
        contextWindow: 200000,
        tiers: [
          {
            above: 200000,
            input: 6,
            cacheWrite5m: 7.5,
            cacheWrite1h: 12,
            cacheRead: 0.6,
            output: 22.5,
          },
        ],
        aliases: ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
      },
      'claude-haiku-4-5': {
        input: 1,
        cacheWrite5m: 1.25,
        cacheWrite1h: 2,
        cacheRead: 0.1,
        output: 5,
        contextWindow: 200000,
        aliases: ['claude-haiku-4-5-20251001', 'claude-haiku-4.5'],
      },
      'claude-3-7-sonnet': {
        input: 3,
        cacheWrite5m: 3.75,
        cacheWrite1h: 6,
        cacheRead: 0.3,
        output: 15,
        contextWindow: 200000,
        aliases: ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
      },
      'claude-3-5-sonnet': {
        input: 3,
        cacheWrite5m: 3.75,
        cacheWrite1h: 6,
        cacheRead: 0.3,
        output: 15,
        contextWindow: 200000,
        aliases: [
          'claude-3-5-sonnet-20241022',
          'claude-3-5-sonnet-20240620',
          'claude-3-5-sonnet-latest',
        ],
      },
      'claude-3-5-haiku': {
        input: 0.8,
        cacheWrite5m: 1,
        cacheWrite1h: 1.6,
        cacheRead: 0.08,
        output: 4,
        contextWindow: 200000,
        aliases: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
      },
      // Published as $0.30 (5m write) and $0.03 (read): not the 1.25x / 0.1x of the others.
      'claude-3-haiku': {
        input: 0.25,
        cacheWrite5m: 0.3,
        cacheWrite1h: 0.5,
        cacheRead: 0.03,
        output: 1.25,
        contextWindow: 200000,
        aliases: ['claude-3-haiku-20240307'],
      },
    },
  },
  google: {
    // Context caching: the page once listed $0.31 / $0.625 for 2.5 Pro cache reads; it now lists
    // $0.125 / $0.25 (10% of input, as with implicit caching). We take the current figures.
    // Cache storage (per hour) is not a per-token price and is not metered here.
    priceDate: '2025-11-20',
    source: 'https://ai.google.dev/gemini-api/docs/pricing',
    models: {
      'gemini-3-pro-preview': {
        input: 2,
        cacheRead: 0.2,
        output: 12,
        contextWindow: 1048576,
        tiers: [{ above: 200000, input: 4, cacheRead: 0.4, output: 18 }],
      },
      'gemini-2.5-pro': {
        input: 1.25,
        cacheRead: 0.125,
        output: 10,
        contextWindow: 1048576,
        tiers: [{ above: 200000, input: 2.5, cacheRead: 0.25, output: 15 }],
      },
      // Text/image/video input price; audio input costs more and is not distinguished here.
      'gemini-2.5-flash': { input: 0.3, cacheRead: 0.03, output: 2.5, contextWindow: 1048576 },
      'gemini-2.5-flash-lite': { input: 0.1, cacheRead: 0.01, output: 0.4, contextWindow: 1048576 },
      'gemini-2.0-flash': { input: 0.1, cacheRead: 0.025, output: 0.4, contextWindow: 1048576 },
    },
  },
  xai: {
    priceDate: '2025-11-10',
    source: 'https://docs.x.ai/docs/models',
    models: {
      // Requests above 128k tokens are billed at the higher rates the models page lists.
      'grok-4': {
        input: 3,
        cacheRead: 0.75,
        output: 15,
        contextWindow: 256000,
        tiers: [{ above: 128000, input: 6, cacheRead: 1.5, output: 30 }],
        aliases: ['grok-4-0709', 'grok-4-latest'],
      },
      'grok-4-fast': {
        input: 0.2,
        cacheRead: 0.05,
        output: 0.5,
        contextWindow: 2000000,
        tiers: [{ above: 128000, input: 0.4, cacheRead: 0.05, output: 1 }],
        aliases: ['grok-4-fast-reasoning', 'grok-4-fast-non-reasoning'],
      },
      'grok-code-fast-1': { input: 0.2, cacheRead: 0.02, output: 1.5, contextWindow: 256000 },
      'grok-3': {
        input: 3,
        cacheRead: 0.75,
        output: 15,
        contextWindow: 131072,
        aliases: ['grok-3-latest'],
      },
      'grok-3-mini': {
        input: 0.3,
        cacheRead: 0.075,
        output: 0.5,
        contextWindow: 131072,
        aliases: ['grok-3-mini-latest'],
      },
    },
  },
  deepseek: {
    // Since V3.2 (2025-09-29) both ids are one model at one price; the older $0.27/$1.10 (chat)
    // and $0.55/$2.19 (reasoner) figures still quoted elsewhere are superseded.
    priceDate: '2025-10-01',
    source: 'https://api-docs.deepseek.com/quick_start/pricing',
    models: {
      'deepseek-chat': { input: 0.28, cacheRead: 0.028, output: 0.42, contextWindow: 128000 },
      'deepseek-reasoner': { input: 0.28, cacheRead: 0.028, output: 0.42, contextWindow: 128000 },
    },
  },
};

export default pricing;
