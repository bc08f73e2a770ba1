import { ChatmeterError } from '../errors';

/** Every kind of provider error, in the order messages and docs list them. */
export const PROVIDER_ERROR_KINDS = [
  'auth',
  'rate_limit',
  'overloaded',
  'server',
  'bad_request',
  'model_not_found',
  'network',
  'timeout',
  'cancelled',
] as const;

/** What went wrong with a provider call, as one kind the UI, ledger and telemetry share. */
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

/**
 * A provider call that failed, mapped once from either SDK's errors. The message is one line
 * for the user that says what to do (and names the environment variable when a key is at
 * fault); it never contains an API key.
 */
export class ProviderError extends ChatmeterError {
  readonly kind: ProviderErrorKind;
  /** HTTP status, when there was a response. */
  readonly status: number | null;
  /** Seconds to wait before retrying, from `retry-after`, when sent. */
  readonly retryAfterSeconds: number | null;
  /** The provider's request id, when sent. */
  readonly requestId: string | null;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    options: {
      status?: number | null;
      retryAfterSeconds?: number | null;
      requestId?: string | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, { exitCode: 1, cause: options.cause });
    this.kind = kind;
    this.status = options.status ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.requestId = options.requestId ?? null;
  }
}

/**
 * An answer an adapter could not read as a reply: a body of the wrong shape, a stream of frames
 * that are not JSON, or a stream that ended before its terminal event. Mapped into a
 * ProviderError by `mapSdkError`, which knows whether part of the reply had arrived.
 */
export class UnreadableResponseError extends Error {
  /** True when the stream simply ended early (a cut, if part of the reply had arrived). */
  readonly endedEarly: boolean;

  constructor(message: string, endedEarly = false) {
    super(message);
    this.name = 'UnreadableResponseError';
    this.endedEarly = endedEarly;
  }
}
