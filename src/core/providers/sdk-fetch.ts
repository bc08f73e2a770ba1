/** The `fetch` signature both SDKs accept as their `fetch` option. */
export type SdkFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** What is known about a retry the SDK is about to send. */
export interface RetryInfo {
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly maxRetries: number;
  /** HTTP status of the attempt that failed, or null when the connection failed. */
  readonly previousStatus: number | null;
}

/**
 * Wraps `fetch` for an SDK client so its own retries become visible: both SDKs number their
 * attempts in the `x-stainless-retry-count` header, and every attempt after the first is a retry.
 */
export function retryObservingFetch(
  maxRetries: number,
  onRetry: (retry: RetryInfo) => void,
  baseFetch: SdkFetch = fetch,
): SdkFetch {
  let previousStatus: number | null = null;
  return async (input, init) => {
    const headers = init?.headers;
    const count =
      headers instanceof Headers
        ? headers.get('x-stainless-retry-count')
        : new Headers(headers).get('x-stainless-retry-count');
    const attempt = Number(count ?? 0);
    if (Number.isInteger(attempt) && attempt > 0) onRetry({ attempt, maxRetries, previousStatus });
    try {
      const response = await baseFetch(input, init);
      previousStatus = response.status;
      return response;
    } catch (error) {
      previousStatus = null;
      throw error;
    }
  };
}

/** The notice shown for one SDK retry, e.g. `OpenAI answered 429; retrying (1 of 2)...`. */
export function retryNotice(providerName: string, retry: RetryInfo): string {
  const why =
    retry.previousStatus === null
      ? 'The connection failed'
      : `${providerName.charAt(0).toUpperCase()}${providerName.slice(1)} answered ${retry.previousStatus}`;
  return `${why}; retrying (${retry.attempt} of ${retry.maxRetries})...`;
}
