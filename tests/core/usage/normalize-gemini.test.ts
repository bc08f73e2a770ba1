import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors';
import { normalizeUsage, usageOfBody } from '../../../src/core/usage/normalize';

// Bodies and expected counts from pydantic/genai-prices tests/test_extract_usage.py (commit
// 02c263aae903, MIT): genai-prices counts input_tokens with cache reads inside and output with
// thoughts inside; ours keeps cache reads apart (DESIGN §4), so input = its input - cache read.
describe('Gemini usageMetadata', () => {
  it('counts tool-use prompt tokens as input and thoughts as reasoning output (test_google)', () => {
    const body = {
      usageMetadata: {
        promptTokenCount: 75,
        candidatesTokenCount: 18,
        totalTokenCount: 262,
        trafficType: 'ON_DEMAND',
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 75 }],
        candidatesTokensDetails: [{ modality: 'TEXT', tokenCount: 18 }],
        toolUsePromptTokenCount: 25,
        thoughtsTokenCount: 144,
      },
      modelVersion: 'gemini-2.5-flash',
    };
    const { usage, shape, warnings } = normalizeUsage(usageOfBody(body));
    expect(shape).toBe('gemini');
    // genai-prices: Usage(input_tokens=100, output_tokens=162)
    expect(usage).toEqual({
      inputTokens: 100,
      cacheReadTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      outputTokens: 162,
      reasoningTokens: 144,
    });
    expect(warnings).toEqual([]);
  });

  it('takes cached content out of the prompt and cached audio out of the audio (test_google_caching)', () => {
    const { usage } = normalizeUsage({
      promptTokenCount: 14152,
      candidatesTokenCount: 60,
      totalTokenCount: 14271,
      cachedContentTokenCount: 12239,
      promptTokensDetails: [
        { modality: 'TEXT', tokenCount: 14002 },
        { modality: 'AUDIO', tokenCount: 150 },
      ],
      cacheTokensDetails: [
        { modality: 'AUDIO', tokenCount: 129 },
        { modality: 'TEXT', tokenCount: 12110 },
      ],
      candidatesTokensDetails: [
        { modality: 'TEXT', tokenCount: 50 },
        { modality: 'AUDIO', tokenCount: 10 },
      ],
      thoughtsTokenCount: 69,
    });
    // genai-prices: input_tokens=14152, cache_read_tokens=12239, output_tokens=129,
    // input_audio_tokens=150, cache_audio_read_tokens=129, output_audio_tokens=10.
    expect(usage).toEqual({
      inputTokens: 14152 - 12239,
      cacheReadTokens: 12239,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      outputTokens: 129,
      reasoningTokens: 69,
      inputAudioTokens: 150 - 129,
      outputAudioTokens: 10,
    });
  });

  it('reads audio in the tool-use prompt details (test_google_extracts_tool_use_modalities)', () => {
    const { usage } = normalizeUsage({
      promptTokenCount: 10,
      candidatesTokenCount: 3,
      thoughtsTokenCount: 4,
      toolUsePromptTokenCount: 25,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 10 }],
      toolUsePromptTokensDetails: [
        { modality: 'TEXT', tokenCount: 10 },
        { modality: 'AUDIO', tokenCount: 5 },
      ],
    });
    // genai-prices: input_tokens=35, output_tokens=7, input_audio_tokens=5.
    expect(usage).toMatchObject({ inputTokens: 35, outputTokens: 7, inputAudioTokens: 5 });
  });

  it('rejects a modality list that is not a list', () => {
    expect(() => normalizeUsage({ promptTokenCount: 1, promptTokensDetails: 3 })).toThrow(
      new UsageError('usage field promptTokensDetails must be a list'),
    );
  });
});
