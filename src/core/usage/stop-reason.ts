/**
 * Why a reply stopped, as the providers say it (`stop_reason`, `finish_reason`, a Responses
 * `incomplete_details.reason`), and which of those mean the reply was cut short.
 */

/** The ways a reply can stop early, whatever the provider calls them. */
export type CutKind = 'max_tokens' | 'content_filter' | 'refusal' | 'context_window' | 'incomplete';

/** Provider stop reasons that mean the reply was cut short, by kind. */
const CUT_REASONS: Readonly<Record<string, CutKind>> = {
  // Anthropic Messages
  max_tokens: 'max_tokens',
  refusal: 'refusal',
  model_context_window_exceeded: 'context_window',
  // OpenAI Chat Completions (`refusal` arrives as its own field; the adapter names it so)
  length: 'max_tokens',
  content_filter: 'content_filter',
  // OpenAI Responses `incomplete_details.reason`, or `incomplete` when it gives none
  max_output_tokens: 'max_tokens',
  incomplete: 'incomplete',
};

/** How each kind reads on the usage line and in the summary. */
const CUT_LABELS: Readonly<Record<CutKind, string>> = {
  max_tokens: 'max tokens',
  content_filter: 'content filter',
  refusal: 'refusal',
  context_window: 'context window',
  incomplete: 'incomplete',
};

/** The kind of early stop a provider's stop reason means, or null for a normal end. */
export function cutKindOf(stopReason: string | null | undefined): CutKind | null {
  if (!stopReason) return null;
  return CUT_REASONS[stopReason] ?? null;
}

/** The words for a kind of early stop (`max tokens`, `content filter`...). */
export function cutLabel(kind: CutKind): string {
  return CUT_LABELS[kind];
}

/** The mark on a usage line for a reply that stopped early (`cut: max tokens`), else null. */
export function cutMark(stopReason: string | null | undefined): string | null {
  const kind = cutKindOf(stopReason);
  return kind === null ? null : `cut: ${cutLabel(kind)}`;
}

/** What a call that ended needs for the empty-reply note. */
export interface EndedReply {
  readonly outcome: 'ok' | 'failed' | 'aborted';
  readonly stopReason?: string | null;
  readonly usage: { readonly outputTokens: number; readonly reasoningTokens: number };
}

/** Stop reasons that mean the model asked to use a tool. */
const TOOL_STOPS = new Set(['tool_use', 'tool_calls', 'function_call']);

/**
 * The line shown for a call that ended normally with no text (only thinking or a tool call,
 * which chatmeter does not show), saying what the output tokens were spent on; null otherwise.
 */
export function emptyReplyNote(call: EndedReply, reply: string): string | null {
  if (call.outcome !== 'ok' || reply.trim().length > 0) return null;
  const parts = [
    ...(call.usage.reasoningTokens > 0 ? ['thinking'] : []),
    ...(TOOL_STOPS.has(call.stopReason ?? '') ? ['a tool call'] : []),
  ];
  const what = parts.length > 0 ? ` (only ${parts.join(' and ')})` : '';
  const cut = cutKindOf(call.stopReason);
  const why =
    cut === 'max_tokens'
      ? ' It hit the output limit first: raise --max-tokens.'
      : cut === null
        ? ''
        : ` It stopped early: ${cutLabel(cut)}.`;
  const tokens = call.usage.outputTokens;
  const billed =
    tokens > 0
      ? ` Its ${tokens.toLocaleString('en-US')} output token${tokens === 1 ? ' is' : 's are'} billed.`
      : '';
  return `The reply has no text${what}.${why}${billed}`;
}
