/** A chat message as the estimator sees it: its text is counted, its role is framing. */
export interface PromptMessage {
  /** `user` or `assistant`; counted within {@link MESSAGE_OVERHEAD_TOKENS}, not by its text. */
  readonly role?: string;
  readonly content: string;
}

/** Counts tokens with a tokenizer, for calls whose provider sent no usage (marked `~`). */
export interface TokenEstimator {
  /** Number of o200k tokens in `text`. */
  countTokens(text: string): number;
  /** Estimated prompt tokens of a request: system prompt plus every message's text. */
  countPromptTokens(system: string | undefined, messages: readonly PromptMessage[]): number;
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
  const countExactly = o200kCounter(table);
  const countTokens = (text: string) => countInLinearTime(text, countExactly);
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

/** Runs of one kind (non-space, or space) longer than this are counted in slices. */
export const LONGEST_COUNTED_RUN = 256;

const LONG_RUN = new RegExp(`\\S{${LONGEST_COUNTED_RUN + 1},}|\\s{${LONGEST_COUNTED_RUN + 1},}`, 'g');

/**
 * Counts tokens in time linear in the length of `text`. BPE tokenizers merge within one
 * pre-token in time quadratic in its length, so 5 MB without a space took minutes (and no
 * signal could end the process meanwhile). Runs without a break (or of only spaces) longer than
 * {@link LONGEST_COUNTED_RUN} characters are counted in slices of that size: exact for ordinary
 * text, within one token per slice for such runs (figures that are estimates anyway).
 */
export function countInLinearTime(text: string, count: (text: string) => number): number {
  if (text.search(LONG_RUN) < 0) return count(text);
  let total = 0;
  let last = 0;
  const counted = (piece: string) => (piece.length === 0 ? 0 : count(piece));
  for (const run of text.matchAll(LONG_RUN)) {
    total += counted(text.slice(last, run.index));
    for (let at = 0; at < run[0].length; at += LONGEST_COUNTED_RUN) {
      total += count(run[0].slice(at, at + LONGEST_COUNTED_RUN));
    }
    last = run.index + run[0].length;
  }
  return total + counted(text.slice(last));
}

/** A lazily loaded estimator shared by one session (loaded on first use, never at start-up). */
export function lazyTokenEstimator(): () => Promise<TokenEstimator> {
  let loading: Promise<TokenEstimator> | undefined;
  return () => {
    loading ??= loadTokenEstimator();
    return loading;
  };
}
