import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors';
import { normalizeUsage, usageOfBody } from '../../../src/core/usage/normalize';
import { USAGE_BUCKETS } from '../../../src/core/usage/types';

describe('usageOfBody', () => {
  it.each([
    [{ id: 'x', usage: { prompt_tokens: 1 } }, { prompt_tokens: 1 }],
    [{ type: 'response.completed', response: { usage: { input_tokens: 2 } } }, { input_tokens: 2 }],
    [
      { input_tokens: 3, usage: 'ignored' },
      { input_tokens: 3, usage: 'ignored' },
    ],
    [[1], [1]],
  ])('takes the usage out of %j', (body, usage) => {
    expect(usageOfBody(body)).toEqual(usage);
  });
});

describe('normalizeUsage', () => {
  it.each([
    { raw: { prompt_tokens: 1, completion_tokens: 2 }, hint: undefined, shape: 'chat-completions' },
    {
      raw: { input_tokens: 1, cache_read_input_tokens: 2, output_tokens: 1 },
      hint: undefined,
      shape: 'messages',
    },
    {
      raw: { input_tokens: 1, cache_creation: {}, output_tokens: 1 },
      hint: 'openai',
      shape: 'messages',
    },
    {
      raw: { input_tokens: 1, output_tokens: 1, output_tokens_details: { thinking_tokens: 1 } },
      hint: undefined,
      shape: 'messages',
    },
    {
      raw: { input_tokens: 1, output_tokens: 1, input_tokens_details: { cached_tokens: 0 } },
      hint: 'anthropic',
      shape: 'responses',
    },
    { raw: { input_tokens: 1, output_tokens: 1 }, hint: 'anthropic', shape: 'messages' },
    { raw: { input_tokens: 1, output_tokens: 1 }, hint: 'openai', shape: 'responses' },
  ] as const)('tells $shape from the fields of $raw (hint $hint)', ({ raw, hint, shape }) => {
    expect(normalizeUsage(raw, hint).shape).toBe(shape);
  });

  it.each([
    { raw: '{"a":1}', message: 'must be a JSON object with token counts, got a string' },
    { raw: [1, 2], message: 'got an array' },
    { raw: null, message: 'got null' },
    { raw: {}, message: 'has no token counts' },
    { raw: { prompt_tokens: -1 }, message: 'prompt_tokens must be a whole number >= 0, got -1' },
    { raw: { prompt_tokens: 1.5 }, message: 'prompt_tokens must be a whole number >= 0, got 1.5' },
    { raw: { prompt_tokens: '12' }, message: 'prompt_tokens must be a number, got "12"' },
    {
      raw: { prompt_tokens: 1, prompt_tokens_details: { cached_tokens: -2 } },
      message: 'prompt_tokens_details.cached_tokens must be a whole number >= 0, got -2',
    },
    { raw: { input_tokens: 1, cache_creation: 5 }, message: 'cache_creation must be an object' },
  ])('rejects $raw with a UsageError naming the problem', ({ raw, message }) => {
    expect(() => normalizeUsage(raw)).toThrow(UsageError);
    expect(() => normalizeUsage(raw)).toThrow(message);
  });

  it('never produces a negative or fractional bucket, whatever the counts', () => {
    const count = fc.option(fc.nat({ max: 10_000_000 }), { nil: undefined });
    const rawUsage = fc.oneof(
      fc.record({
        prompt_tokens: count,
        completion_tokens: count,
        total_tokens: count,
        prompt_tokens_details: fc.record({ cached_tokens: count, cache_write_tokens: count }),
        completion_tokens_details: fc.record({ reasoning_tokens: count }),
      }),
      fc.record({
        input_tokens: count,
        output_tokens: count,
        total_tokens: count,
        input_tokens_details: fc.record({ cached_tokens: count }),
        output_tokens_details: fc.record({ reasoning_tokens: count }),
      }),
      fc.record({
        input_tokens: count,
        output_tokens: count,
        cache_read_input_tokens: count,
        cache_creation_input_tokens: count,
        cache_creation: fc.record({
          ephemeral_5m_input_tokens: count,
          ephemeral_1h_input_tokens: count,
        }),
      }),
    );
    fc.assert(
      fc.property(rawUsage, (raw) => {
        let result: ReturnType<typeof normalizeUsage>;
        try {
          result = normalizeUsage(raw);
        } catch (error) {
          // Only an object with no counts at all may be refused.
          return error instanceof UsageError && /no token counts/.test(error.message);
        }
        return (
          USAGE_BUCKETS.every((b) => Number.isInteger(result.usage[b]) && result.usage[b] >= 0) &&
          result.usage.reasoningTokens <= result.usage.outputTokens
        );
      }),
    );
  });
});
