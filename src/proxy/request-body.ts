import { DEFAULT_MAX_OUTPUT_TOKENS } from '../core/providers/types';
import { isRaw } from './reading';
import type { MeteredApi } from './route';
import { textOf } from './text';

/** What the proxy reads from a metered request body (never kept, never written anywhere). */
export interface RequestInfo {
  /** The model asked for, or null when the body names none. */
  readonly model: string | null;
  /** Whether the client asked for a stream. */
  readonly stream: boolean;
  /** The most output tokens the call may produce (its `max_*tokens`, else the default). */
  readonly maxOutputTokens: number;
  /**
   * The prompt's text (system, messages or input, tool descriptions), for the budget check and
   * estimates; gathered on first use (most calls need neither), then kept.
   */
  readonly promptText: () => string;
  /** Chat Completions: the client asked for `stream_options.include_usage`. */
  readonly includeUsage: boolean;
  /** The parsed body (to rewrite for `--force-usage`). */
  readonly json: Readonly<Record<string, unknown>>;
}

const MAX_TOKEN_FIELDS = ['max_completion_tokens', 'max_tokens', 'max_output_tokens'] as const;

/**
 * Reads a metered request body; null when it is not a JSON object (it is then passed on as it
 * is, and the provider answers).
 */
export function readRequest(body: Buffer): RequestInfo | null {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (!isRaw(json)) return null;
  const limit = MAX_TOKEN_FIELDS.map((field) => json[field]).find(
    (value): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0,
  );
  const options = isRaw(json.stream_options) ? json.stream_options : {};
  let promptText: string | undefined;
  return {
    model: typeof json.model === 'string' && json.model !== '' ? json.model : null,
    stream: json.stream === true,
    maxOutputTokens: limit ?? DEFAULT_MAX_OUTPUT_TOKENS,
    promptText: () =>
      (promptText ??= textOf({
        system: json.system,
        instructions: json.instructions,
        messages: json.messages,
        input: json.input,
        tools: json.tools,
      })),
    includeUsage: options.include_usage === true,
    json,
  };
}

/**
 * `--force-usage`: the body of a streamed Chat Completions request that did not ask for usage,
 * rewritten to ask for it (`stream_options.include_usage`); null when nothing needs to change.
 */
export function withForcedUsage(api: MeteredApi, info: RequestInfo): Buffer | null {
  if (api !== 'chat-completions' || !info.stream || info.includeUsage) return null;
  const options = isRaw(info.json.stream_options) ? info.json.stream_options : {};
  const body = { ...info.json, stream_options: { ...options, include_usage: true } };
  return Buffer.from(JSON.stringify(body));
}
