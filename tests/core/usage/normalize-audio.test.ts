import { describe, expect, it } from 'vitest';
import { normalizeUsage } from '../../../src/core/usage/normalize';

describe('audio parts of OpenAI-style usage', () => {
  it('reads prompt and completion audio_tokens (genai-prices OpenRouter case)', () => {
    // pydantic/genai-prices tests/test_extract_usage.py::test_openrouter_chat_cache_write_tokens
    // (commit 02c263aae903): input_audio_tokens=17, output_audio_tokens=23.
    const { usage, warnings } = normalizeUsage({
      prompt_tokens: 4819,
      completion_tokens: 1906,
      total_tokens: 6725,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 4800, audio_tokens: 17 },
      completion_tokens_details: { audio_tokens: 23 },
    });
    expect(usage).toEqual({
      inputTokens: 19,
      cacheReadTokens: 0,
      cacheWrite5mTokens: 4800,
      cacheWrite1hTokens: 0,
      outputTokens: 1906,
      reasoningTokens: 0,
      inputAudioTokens: 17,
      outputAudioTokens: 23,
    });
    expect(warnings).toEqual([]);
  });

  it('takes cached audio off the uncached audio part (realtime usage shape)', () => {
    // Hand-made in the shape of OpenAI's realtime `response.done` usage: input_token_details
    // with cached_tokens_details. 800 audio tokens of which 200 cached: 600 uncached audio.
    const { usage, shape } = normalizeUsage({
      total_tokens: 1500,
      input_tokens: 1000,
      output_tokens: 500,
      input_token_details: {
        cached_tokens: 300,
        text_tokens: 200,
        audio_tokens: 800,
        cached_tokens_details: { text_tokens: 100, audio_tokens: 200 },
      },
      output_token_details: { text_tokens: 100, audio_tokens: 400 },
    });
    expect(shape).toBe('responses');
    expect(usage).toMatchObject({
      inputTokens: 700,
      cacheReadTokens: 300,
      outputTokens: 500,
      inputAudioTokens: 600,
      outputAudioTokens: 400,
    });
  });

  it('leaves the audio parts out when they are zero', () => {
    const { usage } = normalizeUsage({
      prompt_tokens: 131609,
      completion_tokens: 610,
      total_tokens: 132219,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    });
    expect('inputAudioTokens' in usage).toBe(false);
    expect('outputAudioTokens' in usage).toBe(false);
  });
});

describe('total_tokens above prompt + output', () => {
  it('counts the excess as reasoning output with a warning (thoughts left out of completion_tokens)', () => {
    // Hand-made: Gemini's OpenAI endpoint reports thoughts only in total_tokens.
    const { usage, warnings } = normalizeUsage({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 40,
    });
    expect(usage).toMatchObject({ inputTokens: 10, outputTokens: 30, reasoningTokens: 25 });
    expect(warnings).toEqual([
      'total_tokens (40) exceeds prompt + output (10 + 5) by 25; counted as reasoning output',
    ]);
  });

  it('keeps the xAI case (reasoning reported outside, adding up exactly) without a warning', () => {
    const { usage, warnings } = normalizeUsage({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 23,
      completion_tokens_details: { reasoning_tokens: 8 },
    });
    expect(usage).toMatchObject({ outputTokens: 13, reasoningTokens: 8 });
    expect(warnings).toEqual([]);
  });

  it('adds an excess beyond the reported reasoning to it', () => {
    const { usage, warnings } = normalizeUsage({
      prompt_tokens: 10,
      completion_tokens: 20,
      total_tokens: 36,
      completion_tokens_details: { reasoning_tokens: 4 },
    });
    expect(usage).toMatchObject({ outputTokens: 26, reasoningTokens: 10 });
    expect(warnings).toHaveLength(1);
  });

  it('changes nothing when total_tokens adds up', () => {
    const { usage, warnings } = normalizeUsage({
      input_tokens: 54,
      output_tokens: 164,
      total_tokens: 218,
      output_tokens_details: { reasoning_tokens: 128 },
    });
    expect(usage).toMatchObject({ outputTokens: 164, reasoningTokens: 128 });
    expect(warnings).toEqual([]);
  });
});
