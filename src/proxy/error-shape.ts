/** An error the proxy answers itself, in the provider's own shape. */
export interface ProxyErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Why the proxy answers a request itself instead of the provider. */
export type ProxyErrorReason =
  | 'budget'
  | 'token'
  | 'upstream-down'
  | 'upstream-timeout'
  | 'shutting-down';

const STATUS: Readonly<Record<ProxyErrorReason, number>> = {
  budget: 402,
  token: 401,
  'upstream-down': 502,
  'upstream-timeout': 504,
  'shutting-down': 503,
};

const OPENAI_TYPE: Readonly<Record<ProxyErrorReason, string>> = {
  budget: 'insufficient_quota',
  token: 'invalid_request_error',
  'upstream-down': 'server_error',
  'upstream-timeout': 'server_error',
  'shutting-down': 'server_error',
};

const ANTHROPIC_TYPE: Readonly<Record<ProxyErrorReason, string>> = {
  budget: 'billing_error',
  token: 'authentication_error',
  'upstream-down': 'api_error',
  'upstream-timeout': 'api_error',
  'shutting-down': 'overloaded_error',
};

/**
 * The error response of `provider` for one of the proxy's own refusals: OpenAI's
 * `{"error": {"message", "type", "param", "code"}}` or Anthropic's
 * `{"type": "error", "error": {"type", "message"}}`, with a status the SDKs do not retry for a
 * budget or a bad token (`x-should-retry: false` says so to both SDKs).
 */
export function proxyErrorResponse(
  provider: 'openai' | 'anthropic',
  reason: ProxyErrorReason,
  message: string,
): ProxyErrorResponse {
  const body =
    provider === 'openai'
      ? {
          error: {
            message,
            type: OPENAI_TYPE[reason],
            param: null,
            code: `chatmeter_${reason.replace('-', '_')}`,
          },
        }
      : { type: 'error', error: { type: ANTHROPIC_TYPE[reason], message } };
  const final = reason === 'budget' || reason === 'token';
  return {
    status: STATUS[reason],
    headers: {
      'content-type': 'application/json',
      ...(final ? { 'x-should-retry': 'false' } : {}),
    },
    body: JSON.stringify(body),
  };
}
