import {
  clampedPart,
  has,
  type NormalizedUsage,
  readCount,
  readObject,
  requireObject,
} from './normalize-read';

/**
 * Normalises an Anthropic Messages `usage`: `input_tokens` excludes cache reads and writes;
 * writes split 5m/1h by `cache_creation` (else all of `cache_creation_input_tokens` is 5m);
 * thinking is `output_tokens_details.thinking_tokens`, inside `output_tokens`.
 * @throws UsageError when `raw` is not an object or a count is negative or not an integer.
 */
export function normalizeMessagesUsage(raw: unknown): NormalizedUsage {
  const usage = requireObject(raw, 'the usage');
  const warnings: string[] = [];
  const creation = readObject(usage, 'cache_creation', '');
  const outputDetails = readObject(usage, 'output_tokens_details', '');
  const creationTotal = readCount(usage, 'cache_creation_input_tokens');
  let cacheWrite5mTokens = creationTotal;
  let cacheWrite1hTokens = 0;
  if (creation) {
    cacheWrite5mTokens = readCount(creation, 'ephemeral_5m_input_tokens', 'cache_creation.');
    cacheWrite1hTokens = readCount(creation, 'ephemeral_1h_input_tokens', 'cache_creation.');
    const split = cacheWrite5mTokens + cacheWrite1hTokens;
    if (has(usage, 'cache_creation_input_tokens') && split !== creationTotal) {
      warnings.push(
        `cache_creation_input_tokens (${creationTotal}) differs from its 5m/1h split (${split}); ${
          split < creationTotal ? 'the rest counted as 5m writes' : 'the split was used'
        }`,
      );
      if (split < creationTotal) cacheWrite5mTokens += creationTotal - split;
    }
  }
  const outputTokens = readCount(usage, 'output_tokens');
  const thinking = readCount(outputDetails, 'thinking_tokens', 'output_tokens_details.');
  const reasoningTokens = clampedPart(thinking, outputTokens, 'thinking', warnings);
  return {
    usage: {
      inputTokens: readCount(usage, 'input_tokens'),
      cacheReadTokens: readCount(usage, 'cache_read_input_tokens'),
      cacheWrite5mTokens,
      cacheWrite1hTokens,
      outputTokens,
      reasoningTokens,
    },
    warnings,
  };
}

/**
 * Overlays a `message_delta` usage onto the usage so far. Delta usage is cumulative, so its
 * fields replace (never add to) the earlier ones; null fields are skipped, and the 5m/1h split
 * (`cache_creation`), which deltas do not carry, stays from `message_start`.
 */
export function overlayUsage(
  start: Readonly<Record<string, unknown>>,
  delta: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...start };
  for (const [key, value] of Object.entries(delta)) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
