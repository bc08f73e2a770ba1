import { errorMessage } from '../errors';
import { redactSecrets } from '../redact';
import { ProviderError, type ProviderErrorKind, UnreadableResponseError } from './errors';

/** Who made the call, so an error message can name the provider, model and key variable. */
export interface ErrorContext {
  /** Display name: `OpenAI`, `Anthropic`, or the host of an OpenAI-compatible server. */
  readonly providerName: string;
  /** The environment variable holding the key, e.g. `OPENAI_API_KEY`. */
  readonly keyVariable: string;
  readonly model: string;
  /** Secrets that must never appear in a message (the API key). */
  readonly secrets?: readonly string[];
  /**
   * Set when calls go to a `--base-url` server: what such a URL looks like, for messages where a
   * wrong base URL is the likely cause (a 404), e.g. `it usually ends in /v1`.
   */
  readonly baseUrlHint?: string;
  /** The reply had started (text or usage arrived) when the error came: a cut, not a refusal. */
  readonly midReply?: boolean;
}

/** The error classes both SDKs export under the same names (openai and @anthropic-ai/sdk). */
export interface SdkErrorClasses {
  readonly APIError: abstract new (...args: never[]) => Error;
  readonly APIUserAbortError: abstract new (...args: never[]) => Error;
  readonly APIConnectionError: abstract new (...args: never[]) => Error;
  readonly APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
}

/** What an SDK's `APIError` carries that the mapping reads. */
interface ApiErrorShape {
  readonly status?: number;
  readonly headers?: Headers;
  readonly error?: unknown;
  readonly requestID?: string | null;
  readonly message: string;
}

/** The provider's own error message from a response body (`{error: {message}}`), if any. */
export function providerMessageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const nested = record.error;
  if (typeof nested === 'object' && nested !== null) {
    const message = (nested as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  return typeof record.message === 'string' ? record.message : null;
}

/** Seconds from a `retry-after` (seconds or HTTP date) or `retry-after-ms` header. */
export function retryAfterSecondsOf(
  headers: Headers | undefined,
  nowMs = Date.now(),
): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms)) return Math.ceil(ms / 1000);
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const dateMs = Date.parse(value);
  return Number.isNaN(dateMs) ? null : Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}

/** The kind of an HTTP error status (with the provider's error type as a tie-breaker). */
export function kindOfStatus(status: number, errorType: string | null): ProviderErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'model_not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limit';
  if (status === 529 || status === 503 || errorType === 'overloaded_error') return 'overloaded';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Options of {@link providerError}. */
export interface ProviderErrorDetails {
  readonly status?: number | null;
  readonly providerMessage?: string | null;
  readonly retryAfterSeconds?: number | null;
  readonly requestId?: string | null;
  readonly cause?: unknown;
  /** The answer was not a reply (wrong shape, not JSON): said as such, kind `server`. */
  readonly unreadable?: boolean;
}

/**
 * Builds the ProviderError of a kind with its one-line message for the user: what happened and
 * what to do, naming the key variable when the key is at fault; secrets are redacted.
 */
export function providerError(
  kind: ProviderErrorKind,
  context: ErrorContext,
  details: ProviderErrorDetails = {},
): ProviderError {
  const { providerName: name, keyVariable: key, model } = context;
  const status = details.status ?? null;
  const code = status === null ? '' : ` (${status})`;
  const said = details.providerMessage
    ? `: ${redactSecrets(details.providerMessage, context.secrets).trim().replace(/\.$/, '')}`
    : '';
  const retry = details.retryAfterSeconds;
  let message: string;
  switch (kind) {
    case 'auth':
      message =
        status === 403
          ? `${key} is not allowed to use ${model} at ${name}${code}${said}. Check the key's permissions or pick another --model.`
          : `${key} was rejected by ${name}${code}. Check the key, or unset it to use mock mode.`;
      break;
    case 'rate_limit':
      message = `Rate limit or quota reached at ${name}${code}${said}. ${
        retry === null || retry === undefined
          ? 'Wait a moment'
          : retry === 0
            ? 'Retry now'
            : `Retry in ${retry}s`
      }, or check your plan and billing.`;
      break;
    case 'overloaded':
      message = `${name} is overloaded${code}. Retry in a moment.`;
      break;
    case 'server':
      message = details.unreadable
        ? `${name} sent an answer that is not a reply chatmeter can read${said}. ${
            context.baseUrlHint === undefined
              ? 'Retry in a moment.'
              : `Check --base-url (${context.baseUrlHint}).`
          }`
        : `${name} had a server error${code}${said}. Retry in a moment.`;
      break;
    case 'bad_request':
      message = `${name} rejected the request${code}${said}. Check the options (--model, --max-tokens, --system).`;
      break;
    case 'model_not_found':
      message = `Model "${model}" was not found at ${name}${code}. Check the id (chatmeter models) or pass another --model${
        context.baseUrlHint === undefined ? '' : `, and check --base-url (${context.baseUrlHint})`
      }.`;
      break;
    case 'network':
      message = context.midReply
        ? `The connection to ${name} broke off mid-reply${said}. What arrived is kept and metered (~); send again to retry.`
        : `The connection to ${name} failed${said}. Check your connection or --base-url.`;
      break;
    case 'timeout':
      message = `${name} did not answer in time. Retry, or check your connection.`;
      break;
    case 'cancelled':
      message = 'Cancelled.';
      break;
    default: {
      const unknownKind: never = kind;
      message = `Unexpected error kind ${String(unknownKind)}.`;
    }
  }
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return new ProviderError(kind, redactSecrets(sentence, context.secrets), {
    status,
    retryAfterSeconds: retry ?? null,
    requestId: details.requestId ?? null,
    cause: details.cause,
  });
}

/**
 * Maps anything an SDK call threw (or an abort) into one ProviderError. `sdk` holds the error
 * classes of the SDK that made the call (both SDKs use the same names).
 */
export function mapSdkError(
  error: unknown,
  sdk: SdkErrorClasses,
  context: ErrorContext,
  signal?: AbortSignal,
): ProviderError {
  if (signal?.aborted || error instanceof sdk.APIUserAbortError) {
    return providerError('cancelled', context, { cause: error });
  }
  if (error instanceof ProviderError) return error;
  if (error instanceof UnreadableResponseError && error.endedEarly && context.midReply) {
    return providerError('network', context, { providerMessage: error.message, cause: error });
  }
  if (error instanceof UnreadableResponseError || isJsonParseError(error)) {
    const reason = !(error instanceof UnreadableResponseError)
      ? 'it is not valid JSON'
      : error.endedEarly
        ? 'nothing arrived before the answer ended'
        : error.message;
    return providerError('server', context, {
      providerMessage: reason,
      unreadable: true,
      cause: error,
    });
  }
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return providerError('timeout', context, { cause: error });
  }
  if (error instanceof sdk.APIConnectionError) {
    const cause = (error as Error).cause;
    const reason = cause instanceof Error ? causeText(cause) : null;
    return providerError('network', context, { providerMessage: reason, cause: error });
  }
  if (error instanceof sdk.APIError) {
    const api = error as unknown as ApiErrorShape;
    const body = api.error;
    const errorType = errorTypeOf(body);
    const status = api.status;
    const providerMessage = providerMessageOf(body) ?? stripStatus(api.message);
    const details: ProviderErrorDetails = {
      status: status ?? null,
      providerMessage,
      retryAfterSeconds: retryAfterSecondsOf(api.headers),
      requestId: api.requestID ?? null,
      cause: error,
    };
    const kind =
      status === undefined ? kindOfErrorType(errorType) : kindOfStatus(status, errorType);
    return providerError(kind, context, details);
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return providerError('cancelled', context, { cause: error });
  }
  return providerError('network', context, { providerMessage: errorMessage(error), cause: error });
}

/** The kind of an in-band stream error (no HTTP status), from the provider's error type. */
export function kindOfErrorType(errorType: string | null): ProviderErrorKind {
  switch (errorType) {
    case 'overloaded_error':
      return 'overloaded';
    case 'rate_limit_error':
    case 'insufficient_quota':
    case 'rate_limit_exceeded':
      return 'rate_limit';
    case 'authentication_error':
    case 'permission_error':
      return 'auth';
    case 'not_found_error':
      return 'model_not_found';
    case 'invalid_request_error':
      return 'bad_request';
    default:
      return 'server';
  }
}

/** The provider's error type (`error.type`, or `error.code` when there is no type). */
export function errorTypeOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const inner = (
    typeof record.error === 'object' && record.error !== null ? record.error : record
  ) as Record<string, unknown>;
  if (typeof inner.code === 'string' && inner.type !== 'invalid_request_error') return inner.code;
  return typeof inner.type === 'string' ? inner.type : null;
}

function stripStatus(message: string): string | null {
  const text = message.replace(/^\d{3}\s+/, '').trim();
  return text.length > 0 && text !== 'status code (no body)' ? text : null;
}

/** The most specific reason in an error's cause chain (`connect ECONNREFUSED 127.0.0.1:9`). */
function causeText(cause: Error): string {
  let deepest: Error = cause;
  for (let depth = 0; depth < 5 && deepest.cause instanceof Error; depth++) deepest = deepest.cause;
  return deepest.message || cause.message;
}

/**
 * Whether an SDK threw because a body or a stream frame was not JSON: both SDKs throw a plain
 * `Error('Could not parse message into JSON: ...')` for an SSE frame, and JSON.parse's own
 * SyntaxError reaches us for a body.
 */
function isJsonParseError(error: unknown): boolean {
  return (
    error instanceof SyntaxError ||
    (error instanceof Error && /^Could not parse message into JSON/.test(error.message))
  );
}
