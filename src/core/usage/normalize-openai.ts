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
import { readReportedCost } from './provider-cost';
import type { Usage } from './types';

/**
 * Output and reasoning of an OpenAI-style usage. Reasoning is part of the output, except on
 * servers that report it outside: xAI (prompt + output + reasoning == total, taken as is) and
 * Gemini's OpenAI endpoint and many gateways (total_tokens above prompt + output, with no or
 * fewer reasoning tokens reported): the excess is counted as reasoning output, with a warning.
 */
function outputAndReasoning(
  promptTokens: number,
  outputField: number,
  reasoning: number,
  raw: RawObject,
  warnings: string[],
): { outputTokens: number; reasoningTokens: number } {
  const total = readCount(raw, 'total_tokens');
  const excess = has(raw, 'total_tokens') ? total - promptTokens - outputField : 0;
  if (reasoning > 0 && excess === reasoning) {
    return { outputTokens: outputField + reasoning, reasoningTokens: reasoning };
  }
  if (excess > 0) {
    warnings.push(
      `total_tokens (${total}) exceeds prompt + output (${promptTokens} + ${outputField}) by ${excess}; counted as reasoning output`,
    );
    return {
      outputTokens: outputField + excess,
      reasoningTokens: Math.min(reasoning, outputField) + excess,
    };
  }
  const reasoningTokens = clampedPart(reasoning, outputField, 'reasoning', warnings);
  return { outputTokens: outputField, reasoningTokens };
}

/** Where an OpenAI-style usage keeps its counts: the Chat Completions and Responses names. */
interface OpenAiUsageFields {
  /** The whole prompt, cached tokens and cache writes included. */
  readonly prompt: string;
  /** The prompt's details object; the realtime API's singular `*_token_details` is the fallback. */
  readonly promptDetails: readonly string[];
  readonly output: string;
  readonly outputDetails: readonly string[];
  /** A top-level cache-read count used when the details carry no `cached_tokens` (DeepSeek). */
  readonly cacheHitFallback?: string;
}

const CHAT_COMPLETIONS_FIELDS: OpenAiUsageFields = {
  prompt: 'prompt_tokens',
  promptDetails: ['prompt_tokens_details'],
  output: 'completion_tokens',
  outputDetails: ['completion_tokens_details'],
  cacheHitFallback: 'prompt_cache_hit_tokens',
};

const RESPONSES_FIELDS: OpenAiUsageFields = {
  prompt: 'input_tokens',
  promptDetails: ['input_tokens_details', 'input_token_details'],
  output: 'output_tokens',
  outputDetails: ['output_tokens_details', 'output_token_details'],
};

/** The first of `names` present as a details object, with the path for messages. */
function details(usage: RawObject, names: readonly string[]): { raw?: RawObject; path: string } {
  for (const name of names) {
    const raw = readObject(usage, name, '');
    if (raw) return { raw, path: `${name}.` };
  }
  return { path: `${names[0]}.` };
}

/**
 * The audio parts of the uncached input and of the output: `audio_tokens` in the details, less
 * the cached audio (`cached_tokens_details.audio_tokens`) on the input side, each at most its
 * bucket. Zero parts are left out of the usage (absent means 0).
 */
function audioParts(
  prompt: { raw?: RawObject; path: string },
  output: { raw?: RawObject; path: string },
  buckets: { inputTokens: number; outputTokens: number },
): Pick<Usage, 'inputAudioTokens' | 'outputAudioTokens'> {
  const cachedDetails = prompt.raw && readObject(prompt.raw, 'cached_tokens_details', prompt.path);
  const cachedAudio = readCount(cachedDetails, 'audio_tokens', `${prompt.path}cached_tokens_details.`);
  const inputAudio = Math.min(
    Math.max(readCount(prompt.raw, 'audio_tokens', prompt.path) - cachedAudio, 0),
    buckets.inputTokens,
  );
  const outputAudio = Math.min(
    readCount(output.raw, 'audio_tokens', output.path),
    buckets.outputTokens,
  );
  return {
    ...(inputAudio > 0 ? { inputAudioTokens: inputAudio } : {}),
    ...(outputAudio > 0 ? { outputAudioTokens: outputAudio } : {}),
  };
}

function normalizeOpenAiUsage(raw: unknown, fields: OpenAiUsageFields): NormalizedUsage {
  const usage = requireObject(raw, 'the usage');
  const warnings: string[] = [];
  const prompt = details(usage, fields.promptDetails);
  const output = details(usage, fields.outputDetails);
  const promptTokens = readCount(usage, fields.prompt);
  const cacheReadTokens =
    fields.cacheHitFallback !== undefined && !has(prompt.raw, 'cached_tokens')
      ? readCount(usage, fields.cacheHitFallback)
      : readCount(prompt.raw, 'cached_tokens', prompt.path);
  const cacheWrite5mTokens = readCount(prompt.raw, 'cache_write_tokens', prompt.path);
  const inputTokens = clampedDifference(
    promptTokens,
    cacheReadTokens + cacheWrite5mTokens,
    `${fields.prompt} minus cached and cache-write tokens`,
    warnings,
  );
  const reasoning = readCount(output.raw, 'reasoning_tokens', output.path);
  const outputField = readCount(usage, fields.output);
  const outputs = outputAndReasoning(promptTokens, outputField, reasoning, usage, warnings);
  const reportedCost = readReportedCost(usage, warnings);
  return {
    usage: {
      inputTokens,
      cacheReadTokens,
      cacheWrite5mTokens,
      cacheWrite1hTokens: 0,
      ...outputs,
      ...audioParts(prompt, output, { inputTokens, outputTokens: outputs.outputTokens }),
    },
    warnings,
    ...(reportedCost ? { reportedCost } : {}),
  };
}

/**
 * Normalises a Chat Completions `usage`: `prompt_tokens` includes cached tokens
 * (`prompt_tokens_details.cached_tokens`, or DeepSeek's `prompt_cache_hit_tokens`) and cache
 * writes (`prompt_tokens_details.cache_write_tokens`); reasoning is inside `completion_tokens`
 * unless the server reports it outside (xAI, Gemini's OpenAI endpoint); audio parts come from
 * `*_tokens_details.audio_tokens`; OpenRouter's `cost` and xAI's `cost_in_usd_ticks` are read as
 * the reported cost.
 * @throws UsageError when `raw` is not an object or a count is negative or not an integer.
 */
export function normalizeChatCompletionsUsage(raw: unknown): NormalizedUsage {
  return normalizeOpenAiUsage(raw, CHAT_COMPLETIONS_FIELDS);
}

/**
 * Normalises a Responses API `usage`: `input_tokens` includes
 * `input_tokens_details.cached_tokens` (and `cache_write_tokens` where sent); reasoning is
 * `output_tokens_details.reasoning_tokens`, inside `output_tokens`; audio parts as in Chat
 * Completions (the realtime API's `input_token_details` too, less its cached audio).
 * @throws UsageError when `raw` is not an object or a count is negative or not an integer.
 */
export function normalizeResponsesUsage(raw: unknown): NormalizedUsage {
  return normalizeOpenAiUsage(raw, RESPONSES_FIELDS);
}
