import { UsageError } from '../errors';
import { normalizeGeminiUsage } from './normalize-gemini';
import { normalizeMessagesUsage } from './normalize-messages';
import { normalizeChatCompletionsUsage, normalizeResponsesUsage } from './normalize-openai';
import {
  has,
  isObject,
  type NormalizedUsage,
  type RawObject,
  requireObject,
} from './normalize-read';

export { normalizeGeminiUsage } from './normalize-gemini';
export { normalizeMessagesUsage, overlayUsage } from './normalize-messages';
export { normalizeChatCompletionsUsage, normalizeResponsesUsage } from './normalize-openai';
export type { NormalizedUsage } from './normalize-read';

/** The wire shape a raw usage object came in. */
export type UsageShape = 'chat-completions' | 'responses' | 'messages' | 'gemini';

const NORMALIZERS: Record<UsageShape, (raw: unknown) => NormalizedUsage> = {
  'chat-completions': normalizeChatCompletionsUsage,
  responses: normalizeResponsesUsage,
  messages: normalizeMessagesUsage,
  gemini: normalizeGeminiUsage,
};

/**
 * The usage object inside a whole response body (`{..., "usage": {...}}`, Gemini's
 * `{"usageMetadata": {...}}`) or a Responses stream event (`{"response": {"usage": {...}}}`);
 * any other value is returned as it is.
 */
export function usageOfBody(value: unknown): unknown {
  if (!isObject(value)) return value;
  if ('prompt_tokens' in value || 'input_tokens' in value || 'promptTokenCount' in value) {
    return value;
  }
  if (value.usage !== undefined) return value.usage;
  if (value.usageMetadata !== undefined) return value.usageMetadata;
  const response = value.response;
  if (isObject(response) && 'usage' in response) return response.usage;
  return value;
}

/** Tells the wire shape of a usage object by its fields; `hint` settles the ambiguous case. */
function detectUsageShape(raw: RawObject, hint?: 'openai' | 'anthropic'): UsageShape | null {
  if (has(raw, 'prompt_tokens') || has(raw, 'completion_tokens')) return 'chat-completions';
  if (has(raw, 'promptTokenCount') || has(raw, 'candidatesTokenCount')) return 'gemini';
  const outputDetails = raw.output_tokens_details;
  const thinking = isObject(outputDetails) && 'thinking_tokens' in outputDetails;
  if (
    has(raw, 'cache_read_input_tokens') ||
    has(raw, 'cache_creation_input_tokens') ||
    has(raw, 'cache_creation') ||
    thinking
  ) {
    return 'messages';
  }
  if (
    ['input_tokens_details', 'output_tokens_details', 'input_token_details', 'output_token_details'].some(
      (field) => has(raw, field),
    )
  ) {
    return 'responses';
  }
  if (has(raw, 'input_tokens') || has(raw, 'output_tokens')) {
    return hint === 'anthropic' ? 'messages' : 'responses';
  }
  return null;
}

/**
 * Normalises a usage object of any of the four shapes, told by its fields (DESIGN §4): with
 * `prompt_tokens` Chat Completions; with `promptTokenCount` Gemini's `usageMetadata`; with
 * `cache_*_input_tokens` or `cache_creation` Messages;
 * with `*_tokens_details` Responses; else `hint` (`anthropic` -> Messages, else Responses).
 * @throws UsageError when `raw` is not an object, has no token counts, or a count is invalid.
 */
export function normalizeUsage(
  raw: unknown,
  hint?: 'openai' | 'anthropic',
): NormalizedUsage & { readonly shape: UsageShape } {
  const usage = requireObject(raw, 'the usage');
  const shape = detectUsageShape(usage, hint);
  if (shape === null) {
    throw new UsageError(
      'the usage object has no token counts: expected prompt_tokens/completion_tokens (Chat Completions), input_tokens/output_tokens (Responses, Messages) or promptTokenCount/candidatesTokenCount (Gemini)',
    );
  }
  return { ...NORMALIZERS[shape](usage), shape };
}
