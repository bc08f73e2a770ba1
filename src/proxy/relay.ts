import {
  type Agent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request as httpRequest,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';

/**
 * Headers that belong to one connection, never passed on (RFC 9110 §7.6.1), plus `host` (set
 * from the upstream URL) and `expect` (the proxy's own server already answered 100-continue).
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'expect',
]);

/** The headers to pass on: all but the hop-by-hop ones and those named in `drop`. */
export function endToEndHeaders(
  headers: IncomingHttpHeaders,
  drop: readonly string[] = [],
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !drop.includes(name)) out[name] = value;
  }
  return out;
}

/** Sees the response bytes as they pass, and may hold some back from the client. */
export interface ResponseTap {
  /** The bytes of `chunk` to send to the client (the chunk itself, or fewer bytes). */
  chunk(chunk: Buffer): Buffer;
  /** Bytes held back to send when the upstream ends, if any. */
  end(): Buffer | null;
  /** Whether the tap changes the bytes (then `content-length` is dropped). */
  readonly rewrites: boolean;
}

/** One request to relay to the upstream and its response back to the client. */
export interface RelayRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: OutgoingHttpHeaders;
  /** The body read so far (all of it unless `bodyRest` is given). */
  readonly body: Buffer;
  /** The rest of a body too large to read first, streamed on after `body`. */
  readonly bodyRest?: Readable;
  readonly res: ServerResponse;
  readonly agents: { readonly http: Agent; readonly https: Agent };
  /** Longest wait for the upstream's next byte (response headers or body), milliseconds. */
  readonly timeoutMs: number;
  /** Called with the response status and headers; returns a tap to see its bytes. */
  readonly onResponse?: (status: number, headers: IncomingHttpHeaders) => ResponseTap | null;
}

/** How a relayed exchange ended. */
export type RelayOutcome =
  /** The whole response reached the client. */
  | { readonly kind: 'ended'; readonly status: number }
  /** The client went away first; the upstream request was aborted. */
  | { readonly kind: 'client-gone'; readonly status: number | null }
  /**
   * The upstream failed: before its response (`started` false: nothing was sent to the client,
   * which still needs an answer) or during it (the client's response was cut).
   */
  | {
      readonly kind: 'upstream-failed';
      readonly started: boolean;
      readonly status: number | null;
      readonly timedOut: boolean;
      readonly message: string;
    };

/**
 * Sends the request upstream and streams the response back to the client chunk by chunk as it
 * arrives, with backpressure (a slow client pauses the upstream). Never throws: every ending
 * is an outcome.
 */
export function relay(request: RelayRequest): Promise<RelayOutcome> {
  const { url, res } = request;
  const https = url.protocol === 'https:';
  return new Promise((resolve) => {
    let settled = false;
    let status: number | null = null;
    let timedOut = false;
    const finish = (outcome: RelayOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const upstream = (https ? httpsRequest : httpRequest)(url, {
      method: request.method,
      headers: request.headers,
      agent: https ? request.agents.https : request.agents.http,
    });
    const fail = (error: Error) => {
      if (!settled && status !== null) res.destroy();
      finish({
        kind: 'upstream-failed',
        started: status !== null,
        status,
        timedOut,
        message: error.message,
      });
    };
    upstream.setTimeout(request.timeoutMs, () => {
      timedOut = true;
      upstream.destroy(new Error(`no answer within ${request.timeoutMs} ms`));
    });
    upstream.on('error', fail);
    res.on('close', () => {
      if (res.writableFinished) return;
      finish({ kind: 'client-gone', status });
      upstream.destroy();
    });
    upstream.on('response', (response: IncomingMessage) => {
      status = response.statusCode ?? 502;
      const tap = request.onResponse?.(status, response.headers) ?? null;
      const drop = tap?.rewrites ? ['content-length'] : [];
      res.writeHead(status, endToEndHeaders(response.headers, drop));
      response.on('data', (chunk: Buffer) => {
        const out = tap ? tap.chunk(chunk) : chunk;
        if (out.length > 0 && !res.write(out)) {
          response.pause();
          res.once('drain', () => response.resume());
        }
      });
      response.on('end', () => {
        const rest = tap?.end();
        res.end(rest ?? undefined, () => finish({ kind: 'ended', status: status ?? 502 }));
      });
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail(new Error('the upstream closed the response early'));
      });
    });
    if (request.bodyRest) {
      upstream.write(request.body);
      request.bodyRest.pipe(upstream);
    } else {
      upstream.end(request.body);
    }
  });
}
