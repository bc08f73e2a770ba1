import { describe, expect, it } from 'vitest';
import {
  normalizeChatCompletionsUsage,
  normalizeMessagesUsage,
  normalizeResponsesUsage,
} from '../../../src/core/usage/normalize';
import { type Usage, ZERO_USAGE } from '../../../src/core/usage/types';

/** Builds an expected Usage from the buckets that are not zero. */
function u(buckets: Partial<Usage>): Usage {
  return { ...ZERO_USAGE, ...buckets };
}

// Usage objects marked "recorded" are the `usage` of bodies in ../shared/fixtures (see its
// INDEX.md for sources and licences): simonw/llm, DataDog/dd-trace-py, simonw/llm-anthropic.
describe('normalizeChatCompletionsUsage', () => {
  it.each([
    {
      name: 'plain prompt and completion (recorded chat-basic)',
      raw: {
        prompt_tokens: 146,
        completion_tokens: 3,
        total_tokens: 149,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      expected: u({ inputTokens: 146, outputTokens: 3 }),
    },
    {
      name: 'prompt_tokens includes cached tokens (recorded chat-cached-tokens)',
      raw: {
        prompt_tokens: 1220,
        completion_tokens: 100,
        total_tokens: 1320,
        prompt_tokens_details: { cached_tokens: 1152 },
      },
      expected: u({ inputTokens: 68, cacheReadTokens: 1152, outputTokens: 100 }),
    },
    {
      name: 'prompt_tokens includes cache writes; reasoning inside completion (recorded)',
      raw: {
        prompt_tokens: 1220,
        completion_tokens: 100,
        total_tokens: 1320,
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 1217, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 100, audio_tokens: 0 },
      },
      expected: u({
        inputTokens: 3,
        cacheWrite5mTokens: 1217,
        outputTokens: 100,
        reasoningTokens: 100,
      }),
    },
    {
      name: 'reasoning inside completion_tokens is not added again (recorded chat-reasoning)',
      raw: {
        prompt_tokens: 11,
        completion_tokens: 228,
        total_tokens: 239,
        completion_tokens_details: { reasoning_tokens: 192 },
      },
      expected: u({ inputTokens: 11, outputTokens: 228, reasoningTokens: 192 }),
    },
    {
      name: 'xAI: reasoning reported outside completion_tokens (prompt + completion + reasoning = total)',
      raw: {
        prompt_tokens: 30,
        completion_tokens: 10,
        total_tokens: 340,
        completion_tokens_details: { reasoning_tokens: 300 },
      },
      expected: u({ inputTokens: 30, outputTokens: 310, reasoningTokens: 300 }),
    },
    {
      name: 'zero reasoning with prompt + completion = total stays as is',
      raw: {
        prompt_tokens: 5,
        completion_tokens: 7,
        total_tokens: 12,
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      expected: u({ inputTokens: 5, outputTokens: 7 }),
    },
    {
      name: 'DeepSeek prompt_cache_hit_tokens count as cache reads',
      raw: {
        prompt_tokens: 1000,
        completion_tokens: 20,
        prompt_cache_hit_tokens: 800,
        prompt_cache_miss_tokens: 200,
      },
      expected: u({ inputTokens: 200, cacheReadTokens: 800, outputTokens: 20 }),
    },
    {
      name: 'null details are treated as absent',
      raw: {
        prompt_tokens: 9,
        completion_tokens: 1,
        prompt_tokens_details: null,
        completion_tokens_details: null,
      },
      expected: u({ inputTokens: 9, outputTokens: 1 }),
    },
  ])('$name', ({ raw, expected }) => {
    const result = normalizeChatCompletionsUsage(raw);
    expect(result.usage).toEqual(expected);
    expect(result.warnings).toEqual([]);
  });

  it('clamps input to 0 with a warning when cached exceeds prompt_tokens', () => {
    const result = normalizeChatCompletionsUsage({
      prompt_tokens: 100,
      completion_tokens: 5,
      prompt_tokens_details: { cached_tokens: 150 },
    });
    expect(result.usage).toEqual(u({ inputTokens: 0, cacheReadTokens: 150, outputTokens: 5 }));
    expect(result.warnings).toEqual([expect.stringContaining('do not add up (100 < 150)')]);
  });

  it('caps reasoning at the output with a warning when it cannot be part of it', () => {
    const result = normalizeChatCompletionsUsage({
      prompt_tokens: 1,
      completion_tokens: 5,
      completion_tokens_details: { reasoning_tokens: 9 },
    });
    expect(result.usage).toEqual(u({ inputTokens: 1, outputTokens: 5, reasoningTokens: 5 }));
    expect(result.warnings).toHaveLength(1);
  });
});

describe('normalizeResponsesUsage', () => {
  it.each([
    {
      name: 'input_tokens includes cached tokens (recorded responses-cached)',
      raw: {
        input_tokens: 1515,
        input_tokens_details: { cached_tokens: 1390 },
        output_tokens: 8,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 1523,
      },
      expected: u({ inputTokens: 125, cacheReadTokens: 1390, outputTokens: 8 }),
    },
    {
      name: 'reasoning is part of output_tokens (recorded responses-reasoning)',
      raw: {
        input_tokens: 54,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 164,
        output_tokens_details: { reasoning_tokens: 128 },
        total_tokens: 218,
      },
      expected: u({ inputTokens: 54, outputTokens: 164, reasoningTokens: 128 }),
    },
    {
      name: 'an incomplete response with all zeros (recorded responses-stream-incomplete)',
      raw: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      expected: u({}),
    },
  ])('$name', ({ raw, expected }) => {
    expect(normalizeResponsesUsage(raw)).toEqual({ usage: expected, warnings: [] });
  });
});

describe('normalizeMessagesUsage', () => {
  it.each([
    {
      name: 'input_tokens excludes cache reads and writes (recorded messages-cache-read)',
      raw: {
        input_tokens: 11,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 2055,
        output_tokens: 100,
      },
      expected: u({ inputTokens: 11, cacheReadTokens: 2055, outputTokens: 100 }),
    },
    {
      name: 'all cache writes are 5m when there is no split (recorded messages-cache-write-5m)',
      raw: {
        input_tokens: 18,
        cache_creation_input_tokens: 2055,
        cache_read_input_tokens: 0,
        output_tokens: 100,
      },
      expected: u({ inputTokens: 18, cacheWrite5mTokens: 2055, outputTokens: 100 }),
    },
    {
      name: 'cache_creation splits writes into 5m and 1h',
      raw: {
        input_tokens: 100,
        cache_creation_input_tokens: 300,
        cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 100 },
        cache_read_input_tokens: 0,
        output_tokens: 50,
      },
      expected: u({
        inputTokens: 100,
        cacheWrite5mTokens: 200,
        cacheWrite1hTokens: 100,
        outputTokens: 50,
      }),
    },
    {
      name: 'thinking tokens from output_tokens_details (recorded message_delta over message_start)',
      raw: {
        input_tokens: 598,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 92,
        output_tokens_details: { thinking_tokens: 53 },
        service_tier: 'standard',
      },
      expected: u({ inputTokens: 598, outputTokens: 92, reasoningTokens: 53 }),
    },
  ])('$name', ({ raw, expected }) => {
    expect(normalizeMessagesUsage(raw)).toEqual({ usage: expected, warnings: [] });
  });

  it('counts cache writes beyond the 5m/1h split as 5m, with a warning', () => {
    const result = normalizeMessagesUsage({
      input_tokens: 1,
      cache_creation_input_tokens: 500,
      cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 100 },
      output_tokens: 1,
    });
    expect(result.usage).toEqual(
      u({ inputTokens: 1, cacheWrite5mTokens: 400, cacheWrite1hTokens: 100, outputTokens: 1 }),
    );
    expect(result.warnings).toEqual([expect.stringContaining('cache_creation_input_tokens (500)')]);
  });
});
