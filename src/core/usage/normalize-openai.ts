import {
  clampedDifference,
  clampedPart,
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
  const reasoningTokens = clampedPart(reasoning, outputField, 'reasoning', warnings);
  return { outputTokens: outputField, reasoningTokens };
}

/** Where an OpenAI-style usage keeps its counts: the Chat Completions and Responses names. */
interface OpenAiUsageFields {
  /** The whole prompt, cached tokens and cache writes included. */
  readonly prompt: string;
  readonly promptDetails: string;
  readonly output: string;
  readonly outputDetails: string;
  /** A top-level cache-read count used when the details carry no `cached_tokens` (DeepSeek). */
  readonly cacheHitFallback?: string;
}

const CHAT_COMPLETIONS_FIELDS: OpenAiUsageFields = {
  prompt: 'prompt_tokens',
  promptDetails: 'prompt_tokens_details',
  output: 'completion_tokens',
  outputDetails: 'completion_tokens_details',
  cacheHitFallback: 'prompt_cache_hit_tokens',
};

const RESPONSES_FIELDS: OpenAiUsageFields = {
  prompt: 'input_tokens',
  promptDetails: 'input_tokens_details',
  output: 'output_tokens',
  outputDetails: 'output_tokens_details',
};

function normalizeOpenAiUsage(raw: unknown, fields: OpenAiUsageFields): NormalizedUsage {
  const usage = requireObject(raw, 'the usage');
  const warnings: string[] = [];
  const promptDetails = readObject(usage, fields.promptDetails, '');
  const outputDetails = readObject(usage, fields.outputDetails, '');
  const detailsPath = `${fields.promptDetails}.`;
  const promptTokens = readCount(usage, fields.prompt);
  const cacheReadTokens =
    fields.cacheHitFallback !== undefined && !has(promptDetails, 'cached_tokens')
      ? readCount(usage, fields.cacheHitFallback)
      : readCount(promptDetails, 'cached_tokens', detailsPath);
  const cacheWrite5mTokens = readCount(promptDetails, 'cache_write_tokens', detailsPath);
  const inputTokens = clampedDifference(
    promptTokens,
    cacheReadTokens + cacheWrite5mTokens,
    `${fields.prompt} minus cached and cache-write tokens`,
    warnings,
  );
  const reasoning = readCount(outputDetails, 'reasoning_tokens', `${fields.outputDetails}.`);
  const outputField = readCount(usage, fields.output);
  const output = outputAndReasoning(promptTokens, outputField, reasoning, usage, warnings);
  return {
    usage: { inputTokens, cacheReadTokens, cacheWrite5mTokens, cacheWrite1hTokens: 0, ...output },
    warnings,
  };
}

/**
 * Normalises a Chat Completions `usage`: `prompt_tokens` includes cached tokens
 * (`prompt_tokens_details.cached_tokens`, or DeepSeek's `prompt_cache_hit_tokens`) and cache
 * writes (`prompt_tokens_details.cache_write_tokens`); reasoning is inside `completion_tokens`
 * unless the server reports it outside (xAI).
 * @throws UsageError when `raw` is not an object or a count is negative or not an integer.
 */
export function normalizeChatCompletionsUsage(raw: unknown): NormalizedUsage {
  return normalizeOpenAiUsage(raw, CHAT_COMPLETIONS_FIELDS);
}

/**
 * Normalises a Responses API `usage`: `input_tokens` includes
 * `input_tokens_details.cached_tokens` (and `cache_write_tokens` where sent); reasoning is
 * `output_tokens_details.reasoning_tokens`, inside `output_tokens`.
 * @throws UsageError when `raw` is not an object or a count is negative or not an integer.
 */
export function normalizeResponsesUsage(raw: unknown): NormalizedUsage {
  return normalizeOpenAiUsage(raw, RESPONSES_FIELDS);
}
