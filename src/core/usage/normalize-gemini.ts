import { UsageError } from '../errors';
import {
  clampedDifference,
  isObject,
  type NormalizedUsage,
  type RawObject,
  readCount,
  requireObject,
} from './normalize-read';

/**
 * The AUDIO entry of a Gemini modality list (`promptTokensDetails`: `[{modality, tokenCount}]`),
 * or 0 when the list or the entry is absent.
 * @throws UsageError when the list is not an array or a count is not a whole number.
 */
function audioCount(usage: RawObject, field: string): number {
  const list = usage[field];
  if (list === undefined || list === null) return 0;
  if (!Array.isArray(list)) throw new UsageError(`usage field ${field} must be a list`);
  let total = 0;
  for (const [index, entry] of list.entries()) {
    if (isObject(entry) && entry.modality === 'AUDIO') {
      total += readCount(entry, 'tokenCount', `${field}[${index}].`);
    }
  }
  return total;
}

/**
 * Normalises a Gemini `usageMetadata` (generateContent): `promptTokenCount` includes
 * `cachedContentTokenCount` (cache reads); `toolUsePromptTokenCount` is more input;
 * `thoughtsTokenCount` is outside `candidatesTokenCount`, billed as output and shown as
 * reasoning; audio parts come from the AUDIO entries of the modality lists (cached audio taken
 * off the input's), the way genai-prices' Google extractor reads them.
 * @throws UsageError when `raw` is not an object or a count is negative or not an integer.
 */
export function normalizeGeminiUsage(raw: unknown): NormalizedUsage {
  const usage = requireObject(raw, 'the usage');
  const warnings: string[] = [];
  const cacheReadTokens = readCount(usage, 'cachedContentTokenCount');
  const inputTokens =
    clampedDifference(
      readCount(usage, 'promptTokenCount'),
      cacheReadTokens,
      'promptTokenCount minus cachedContentTokenCount',
      warnings,
    ) + readCount(usage, 'toolUsePromptTokenCount');
  const reasoningTokens = readCount(usage, 'thoughtsTokenCount');
  const outputTokens = readCount(usage, 'candidatesTokenCount') + reasoningTokens;
  const promptAudio =
    audioCount(usage, 'promptTokensDetails') + audioCount(usage, 'toolUsePromptTokensDetails');
  const inputAudio = Math.min(
    Math.max(promptAudio - audioCount(usage, 'cacheTokensDetails'), 0),
    inputTokens,
  );
  const outputAudio = Math.min(audioCount(usage, 'candidatesTokensDetails'), outputTokens);
  return {
    usage: {
      inputTokens,
      cacheReadTokens,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      outputTokens,
      reasoningTokens,
      ...(inputAudio > 0 ? { inputAudioTokens: inputAudio } : {}),
      ...(outputAudio > 0 ? { outputAudioTokens: outputAudio } : {}),
    },
    warnings,
  };
}
