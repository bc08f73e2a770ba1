import {
  clampedDifference,
  has,
  type NormalizedUsage,
  type RawObject,
  readCount,
  readObject,
  requireObject,
} from './normalize-read';

/**
 * Output and reasoning of an OpenAI-style usage. Reasoning is part of the output, except on
 * servers (xAI) that report it outside: detected when prompt + output + reasoning == total.
 */
function outputAndReasoning(
  promptTokens: number,
  outputField: number,
  reasoning: number,
  raw: RawObject,
  warnings: string[],
): { outputTokens: number; reasoningTokens: number } {
  const total = readCount(raw, 'total_tokens');
  if (
    reasoning > 0 &&
    has(raw, 'total_tokens') &&
    promptTokens + outputField + reasoning === total
  ) {
    return { outputTokens: outputField + reasoning, reasoningTokens: reasoning };
  }
  if (reasoning > outputField) {
    warnings.push(
      `reasoning tokens (${reasoning}) exceed output tokens (${outputField}); reasoning counted as ${outputField}`,
    );
    return { outputTokens: outputField, reasoningTokens: outputField };
  }
  return { outputTokens: outputField, reasoningTokens: reasoning };
}

/**
 * Normalises a Chat Completions `usage`: `prompt_tokens` includes cached tokens
 * (`prompt_tokens_details.cached_tokens`, or DeepSeek's `prompt_cache_hit_tokens`) and cache
 * writes (`prompt_tokens_details.cache_write_tokens`); reasoning is inside `completion_tokens`
 * unless the server reports it outside (xAI).
 * @throws UsageError when `raw` is not an object or a count is negative or not an integer.
 */
export function normalizeChatCompletionsUsage(raw: unknown): NormalizedUsage {
  const usage = requireObject(raw, 'the usage');
  const warnings: string[] = [];
  const promptDetails = readObject(usage, 'prompt_tokens_details', '');
  const completionDetails = readObject(usage, 'completion_tokens_details', '');
  const promptTokens = readCount(usage, 'prompt_tokens');
  const cacheReadTokens = has(promptDetails, 'cached_tokens')
    ? readCount(promptDetails, 'cached_tokens', 'prompt_tokens_details.')
    : readCount(usage, 'prompt_cache_hit_tokens');
  const cacheWrite5mTokens = readCount(
    promptDetails,
    'cache_write_tokens',
    'prompt_tokens_details.',
  );
  const inputTokens = clampedDifference(
    promptTokens,
    cacheReadTokens + cacheWrite5mTokens,
    'prompt_tokens minus cached and cache-write tokens',
    warnings,
  );
  const reasoning = readCount(completionDetails, 'reasoning_tokens', 'completion_tokens_details.');
  const completion = readCount(usage, 'completion_tokens');
  const output = outputAndReasoning(promptTokens, completion, reasoning, usage, warnings);
  return {
    usage: { inputTokens, cacheReadTokens, cacheWrite5mTokens, cacheWrite1hTokens: 0, ...output },
    warnings,
  };
}

/**
 * Normalises a Responses API `usage`: `input_tokens` includes
 * `input_tokens_details.cached_tokens` (and `cache_write_tokens` where sent); reasoning is
 * `output_tokens_details.reasoning_tokens`, inside `output_tokens`.
 * @throws UsageError when `raw` is not an object or a count is negative or not an integer.
 */
export function normalizeResponsesUsage(raw: unknown): NormalizedUsage {
  const usage = requireObject(raw, 'the usage');
  const warnings: string[] = [];
  const inputDetails = readObject(usage, 'input_tokens_details', '');
  const outputDetails = readObject(usage, 'output_tokens_details', '');
  const promptTokens = readCount(usage, 'input_tokens');
  const cacheReadTokens = readCount(inputDetails, 'cached_tokens', 'input_tokens_details.');
  const cacheWrite5mTokens = readCount(inputDetails, 'cache_write_tokens', 'input_tokens_details.');
  const inputTokens = clampedDifference(
    promptTokens,
    cacheReadTokens + cacheWrite5mTokens,
    'input_tokens minus cached and cache-write tokens',
    warnings,
  );
  const reasoning = readCount(outputDetails, 'reasoning_tokens', 'output_tokens_details.');
  const outputField = readCount(usage, 'output_tokens');
  const output = outputAndReasoning(promptTokens, outputField, reasoning, usage, warnings);
  return {
    usage: { inputTokens, cacheReadTokens, cacheWrite5mTokens, cacheWrite1hTokens: 0, ...output },
    warnings,
  };
}
