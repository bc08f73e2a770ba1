/**
 * The curated price layer: DATA ONLY, read by src/core/pricing alone. The base prices come from
 * the genai-prices data (data/genai-prices-v2.json, refreshed by `chatmeter models update`); this
 * file holds what that data gets wrong or lacks, each with the page it was taken from and the
 * date it was checked, plus the model ids chatmeter offers (`chatmeter models`, `/models`, Tab).
 *
 * Every price is USD per 1M tokens, written as the decimal the provider publishes. A missing
 * cache rate means the input rate. A tier lists only the rates that change once the whole prompt
 * (input + cache read + cache writes) exceeds `above` tokens; it is a cliff: every bucket of that
 * request is billed at the tier's rates. Precedence: --pricing / config `pricing` > an entry here
 * > refreshed data > bundled data, except that refreshed data whose `prices_checked` date is
 * later than an entry's date wins over it.
 */
import type { CuratedPricing } from './src/core/pricing/data-types';

const pricing: CuratedPricing = {
  models: {
    openai: {
      priceDate: '2025-11-15',
      source: 'https://platform.openai.com/docs/pricing',
      models: {
        // The data folds this snapshot into gpt-4o ($2.50 / $10); it kept its launch price and
        // has no cached-input discount (the priority-processing page lists it apart as well).
        'gpt-4o-2024-05-13': { input: 5, output: 15, contextWindow: 128000 },
        // The data prices these at their text rates only; audio is billed far higher.
        'gpt-4o-audio-preview': {
          input: 2.5,
          output: 10,
          inputAudio: 40,
          outputAudio: 80,
          contextWindow: 128000,
          aliases: ['gpt-4o-audio-preview-2024-12-17', 'gpt-4o-audio-preview-2025-06-03'],
        },
        'gpt-4o-mini-audio-preview': {
          input: 0.15,
          output: 0.6,
          inputAudio: 10,
          outputAudio: 20,
          contextWindow: 128000,
          aliases: ['gpt-4o-mini-audio-preview-2024-12-17'],
        },
      },
    },
    anthropic: {
      priceDate: '2026-02-20',
      source: 'https://docs.claude.com/en/docs/about-claude/pricing',
      models: {
        // The data lacks Sonnet 4's long-context tier (1M beta: 2x input, 1.5x output above 200k).
        'claude-sonnet-4-0': {
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
          aliases: ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
        },
      },
    },
    'x-ai': {
      priceDate: '2025-11-10',
      source: 'https://docs.x.ai/docs/models',
      models: {
        // Requests above 128k tokens are billed at the higher rates the models page lists; the
        // data has no tier for either model.
        'grok-4-0709': {
          input: 3,
          cacheRead: 0.75,
          output: 15,
          contextWindow: 256000,
          tiers: [{ above: 128000, input: 6, cacheRead: 1.5, output: 30 }],
          aliases: ['grok-4', 'grok-4-latest'],
        },
        'grok-4-fast-reasoning': {
          input: 0.2,
          cacheRead: 0.05,
          output: 0.5,
          contextWindow: 2000000,
          tiers: [{ above: 128000, input: 0.4, cacheRead: 0.05, output: 1 }],
          aliases: ['grok-4-fast', 'grok-4-fast-non-reasoning'],
        },
      },
    },
    deepseek: {
      // The data still has the off-peak discount DeepSeek retired with V3.2 (2025-09-29); since
      // then both ids are one model at one price, all day.
      priceDate: '2025-10-01',
      source: 'https://api-docs.deepseek.com/quick_start/pricing',
      models: {
        'deepseek-chat': { input: 0.28, cacheRead: 0.028, output: 0.42, contextWindow: 128000 },
        'deepseek-reasoner': {
          input: 0.28,
          cacheRead: 0.028,
          output: 0.42,
          contextWindow: 128000,
        },
      },
    },
  },
  corrections: {
    // 1M context GA at the standard rates since 2026-03-13 (the data says 200K).
    'claude-opus-4-6': {
      contextWindow: 1000000,
      checked: '2026-03-13',
      source: 'https://platform.claude.com/docs/en/models/opus-4-6/overview',
    },
    // Context windows the data leaves out (the status bar shows context used of the window).
    o1: { contextWindow: 200000, checked: '2025-11-15', source: 'https://platform.openai.com/docs/models/o1' },
    o3: { contextWindow: 200000, checked: '2025-11-15', source: 'https://platform.openai.com/docs/models/o3' },
    'o3-pro': {
      contextWindow: 200000,
      checked: '2025-11-15',
      source: 'https://platform.openai.com/docs/models/o3-pro',
    },
    'o3-mini': {
      contextWindow: 200000,
      checked: '2025-11-15',
      source: 'https://platform.openai.com/docs/models/o3-mini',
    },
    'o4-mini': {
      contextWindow: 200000,
      checked: '2025-11-15',
      source: 'https://platform.openai.com/docs/models/o4-mini',
    },
    'gemini-2.5-pro': {
      contextWindow: 1048576,
      checked: '2025-11-20',
      source: 'https://ai.google.dev/gemini-api/docs/models',
    },
    'gemini-2.5-flash': {
      contextWindow: 1048576,
      checked: '2025-11-20',
      source: 'https://ai.google.dev/gemini-api/docs/models',
    },
    'gemini-2.5-flash-lite': {
      contextWindow: 1048576,
      checked: '2025-11-20',
      source: 'https://ai.google.dev/gemini-api/docs/models',
    },
    'gemini-2.0-flash': {
      contextWindow: 1048576,
      checked: '2025-11-20',
      source: 'https://ai.google.dev/gemini-api/docs/models',
    },
    'gemini-3-pro-preview': {
      contextWindow: 1048576,
      checked: '2025-11-20',
      source: 'https://ai.google.dev/gemini-api/docs/models',
    },
  },
  serviceTiers: {
    // Priority: the table on the priority-processing page (long-context requests are served at
    // the standard tier, and the response says so). Flex and Batch: half the standard rate of
    // every bucket, long-context tiers included (Flex is billed at Batch prices); flex for the
    // models the flex-processing guide lists, batch for every OpenAI and Anthropic model.
    checked: '2026-03-21',
    source:
      'https://openai.com/api-priority-processing/, https://platform.openai.com/docs/guides/flex-processing, https://docs.claude.com/en/docs/build-with-claude/batch-processing',
    models: {
      'gpt-5.4': { priority: { input: 5, cacheRead: 0.5, output: 30 } },
      'gpt-5.4-mini': { priority: { input: 1.5, cacheRead: 0.15, output: 9 } },
      'gpt-5.2': { priority: { input: 3.5, cacheRead: 0.35, output: 28 } },
      'gpt-5.1': { priority: { input: 2.5, cacheRead: 0.25, output: 20 } },
      'gpt-5': { priority: { input: 2.5, cacheRead: 0.25, output: 20 } },
      'gpt-5-mini': { priority: { input: 0.45, cacheRead: 0.045, output: 3.6 } },
      'gpt-4.1': { priority: { input: 3.5, cacheRead: 0.875, output: 14 } },
      'gpt-4.1-mini': { priority: { input: 0.7, cacheRead: 0.175, output: 2.8 } },
      'gpt-4.1-nano': { priority: { input: 0.2, cacheRead: 0.05, output: 0.8 } },
      'gpt-4o': { priority: { input: 4.25, cacheRead: 2.125, output: 17 } },
      'gpt-4o-2024-05-13': { priority: { input: 8.75, output: 26.25 } },
      'gpt-4o-mini': { priority: { input: 0.25, cacheRead: 0.125, output: 1 } },
      o3: { priority: { input: 3.5, cacheRead: 0.875, output: 14 } },
      'o4-mini': { priority: { input: 2, cacheRead: 0.5, output: 8 } },
    },
    halfPrice: {
      flex: [
        'gpt-5.4',
        'gpt-5.4-mini',
        'gpt-5.2',
        'gpt-5.1',
        'gpt-5',
        'gpt-5-mini',
        'gpt-5-nano',
        'o3',
        'o4-mini',
      ],
      batchProviders: ['openai', 'anthropic'],
    },
  },
  // The ids offered in `chatmeter models`, `/models` and Tab completion: each one the provider's
  // API accepts (tests/core/pricing/curated.test.ts checks them against the published ids).
  // Every other model of the data is still priced, and listed by `chatmeter models --all`.
  offered: {
    // Chat Completions ids (the openai SDK's ChatModel type); Responses-only models (gpt-5-pro,
    // o3-pro, gpt-5.5-pro...) are priced but not offered, as the chat sends Chat Completions.
    openai: [
      'gpt-5.6-sol',
      'gpt-5.6-terra',
      'gpt-5.6-luna',
      'gpt-5.5',
      'gpt-5.4',
      'gpt-5.4-mini',
      'gpt-5.4-nano',
      'gpt-5.2',
      'gpt-5.2-pro',
      'gpt-5.1',
      'gpt-5',
      'gpt-5-mini',
      'gpt-5-nano',
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-4.1-nano',
      'gpt-4o',
      'gpt-4o-2024-05-13',
      'gpt-4o-mini',
      'o4-mini',
      'o3',
      'o3-mini',
      'o1',
    ],
    // The @anthropic-ai/sdk Model type, less claude-sonnet-4-5 (end of life 2026-11-30) and the
    // models the price data does not have yet.
    anthropic: [
      'claude-opus-5',
      'claude-sonnet-5',
      'claude-fable-5',
      'claude-opus-4-8',
      'claude-opus-4-7',
      'claude-opus-4-6',
      'claude-sonnet-4-6',
      'claude-opus-4-5',
      'claude-haiku-4-5',
    ],
    google: ['gemini-3.5-flash', 'gemini-3.1-pro-preview', 'gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite'],
    'x-ai': ['grok-4.5', 'grok-4.3', 'grok-4', 'grok-4-fast-reasoning', 'grok-4-fast-non-reasoning', 'grok-code-fast-1'],
    deepseek: ['deepseek-chat', 'deepseek-reasoner'],
    mistral: ['mistral-large-2512', 'mistral-small-latest', 'codestral-latest'],
  },
};

export default pricing;
