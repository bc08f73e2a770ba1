import type { ChatMessage } from '../providers/types';

/** Counts tokens with a tokenizer, for calls whose provider sent no usage (marked `~`). */
export interface TokenEstimator {
  /** Number of o200k tokens in `text`. */
  countTokens(text: string): number;
  /** Estimated prompt tokens of a request: system prompt plus every message's text. */
  countPromptTokens(system: string | undefined, messages: readonly ChatMessage[]): number;
}

/**
 * Per-message framing overhead of chat formats (role markers and separators), in tokens. An
 * estimate: providers frame messages differently, and the figure is marked estimated anyway.
 */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * Loads the o200k tokenizer of `gpt-tokenizer` (about 130 ms, so it is loaded lazily, the first
 * time an estimate is needed) and returns an estimator over it.
 */
export async function loadTokenEstimator(): Promise<TokenEstimator> {
  const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
  return {
    countTokens: (text) => (text.length === 0 ? 0 : countTokens(text)),
    countPromptTokens(system, messages) {
      let total = system ? countTokens(system) + MESSAGE_OVERHEAD_TOKENS : 0;
      for (const message of messages) {
        total += countTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;
      }
      return total;
    },
  };
}

/** A lazily loaded estimator shared by one session (loaded on first use, never at start-up). */
export function lazyTokenEstimator(): () => Promise<TokenEstimator> {
  let loading: Promise<TokenEstimator> | undefined;
  return () => {
    loading ??= loadTokenEstimator();
    return loading;
  };
}
