import { describe, expect, it } from 'vitest';
import { normalizeUsage } from '../../../src/core/usage/normalize';

describe('reasoning reported above the output count', () => {
  it.each([
    [
      'Chat Completions',
      { prompt_tokens: 10, completion_tokens: 5, completion_tokens_details: { reasoning_tokens: 8 } },
      'reasoning tokens (8) exceed output tokens (5); reasoning counted as 5',
    ],
    [
      'Responses',
      { input_tokens: 10, output_tokens: 5, output_tokens_details: { reasoning_tokens: 8 } },
      'reasoning tokens (8) exceed output tokens (5); reasoning counted as 5',
    ],
    [
      'Messages',
      { input_tokens: 10, output_tokens: 5, output_tokens_details: { thinking_tokens: 8 } },
      'thinking tokens (8) exceed output tokens (5); thinking counted as 5',
    ],
  ])('is clamped to the output with a warning (%s)', (_shape, raw, warning) => {
    const { usage, warnings } = normalizeUsage(raw);
    expect(usage.outputTokens).toBe(5);
    expect(usage.reasoningTokens).toBe(5);
    expect(warnings).toEqual([warning]);
  });
});
