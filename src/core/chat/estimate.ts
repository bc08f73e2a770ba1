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
 * Loads the o200k rank table (a few milliseconds from the bundle; still lazily, the first time
 * tokens are counted) and returns an estimator over it. Counts are OpenAI's o200k counts.
 */
export async function loadTokenEstimator(): Promise<TokenEstimator> {
  const [{ decodeRankTable, o200kCounter }, { o200kTableBytes }] = await Promise.all([
    import('./o200k'),
    import('./o200k-data'),
  ]);
  const table = decodeRankTable(o200kTableBytes());
  const countTokens = o200kCounter(table);
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
