import type { IncomingHttpHeaders } from 'node:http';

/** The API whose responses the proxy reads usage from; `null` for a call it only forwards. */
export type MeteredApi = 'chat-completions' | 'responses' | 'messages';

/** Where one incoming request goes and whether it is metered. */
export interface Route {
  readonly provider: 'openai' | 'anthropic';
  /** Set for the calls that are billed by tokens and recorded. */
  readonly api: MeteredApi | null;
  /** The path and query to append to the provider's base URL. */
  readonly upstreamPath: string;
}

const METERED: Readonly<Record<string, MeteredApi>> = {
  '/chat/completions': 'chat-completions',
  '/responses': 'responses',
};

/**
 * Tells an OpenAI request from an Anthropic one. The path wins where it is one API's own:
 * `/v1/messages...` is Anthropic's, and `POST /v1/chat/completions` and `/v1/responses` are
 * OpenAI's even when a client sends Anthropic-style headers (LiteLLM-style gateways take
 * `x-api-key` too). Only other paths (`/v1/models` exists in both) are told by the headers only
 * Anthropic clients send (`anthropic-version`, `x-api-key`). OpenAI base URLs end in `/v1`, so
 * `/v1` is taken off its paths; Anthropic's base URL is the server root, so its paths go
 * through whole. Only `POST` calls of the three generation routes are metered; everything else
 * passes through.
 */
export function routeOf(method: string, url: string, headers: IncomingHttpHeaders): Route {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const post = method === 'POST';
  if (path === '/v1/messages' || path.startsWith('/v1/messages/')) {
    const metered = post && path === '/v1/messages';
    return { provider: 'anthropic', api: metered ? 'messages' : null, upstreamPath: url };
  }
  const relative = path.startsWith('/v1/') || path === '/v1' ? url.slice(3) : url;
  const relativePath = queryAt < 0 ? relative : relative.slice(0, relative.indexOf('?'));
  const api = post ? (METERED[relativePath] ?? null) : null;
  const anthropicHeaders =
    headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined;
  if (api === null && anthropicHeaders) return { provider: 'anthropic', api: null, upstreamPath: url };
  return { provider: 'openai', api, upstreamPath: relative };
}
