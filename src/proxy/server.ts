import { timingSafeEqual } from 'node:crypto';
import { Agent as HttpAgent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { errorMessage } from '../core/errors';
import { proxyErrorResponse } from './error-shape';
import { answer, DROPPED_REQUEST_HEADERS, type Exchange, meteredExchange } from './exchange';
import { endToEndHeaders, relay } from './relay';
import { routeOf } from './route';
import { toolOf } from './tool';
import type { ProxyServices, ProxySettings } from './types';

/** A running proxy. */
export interface RunningProxy {
  /** `http://host:port`, the port the proxy actually listens on. */
  readonly origin: string;
  readonly port: number;
  /** Calls being relayed now. */
  readonly inFlight: () => number;
  /** Stops listening, cuts the calls in flight (recorded as aborted), and waits for them. */
  close(): Promise<void>;
}

/** The token a request carries: `x-chatmeter-token`, or a `/t/<token>` path prefix (removed). */
function takeToken(req: IncomingMessage): { token: string | null; url: string } {
  const url = req.url ?? '/';
  const prefix = /^\/t\/([^/?]+)(?=[/?]|$)/.exec(url);
  if (prefix) return { token: decodeURIComponent(prefix[1]!), url: url.slice(prefix[0].length) || '/' };
  const header = req.headers['x-chatmeter-token'];
  return { token: typeof header === 'string' ? header : null, url };
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The upstream URL of a path: the base URL (trailing slashes off) followed by the path. */
export function upstreamUrlOf(base: string, path: string): URL {
  return new URL(`${base.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`);
}

/**
 * Starts the proxy on `settings.host:port`: OpenAI and Anthropic routes on one port, each
 * request relayed to its provider's upstream with the client's own key; generation calls are
 * metered and recorded through `services`, everything else passes through unrecorded.
 * Rejects when the port cannot be bound (EADDRINUSE, EACCES).
 */
export async function startProxy(
  settings: ProxySettings,
  services: ProxyServices,
): Promise<RunningProxy> {
  const agents = {
    http: new HttpAgent({ keepAlive: true }),
    https: new HttpsAgent({ keepAlive: true }),
  };
  const inFlight = new Set<Promise<void>>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { token, url } = takeToken(req);
    const route = routeOf(req.method ?? 'GET', url, req.headers);
    if (settings.token !== null && !sameSecret(token, settings.token)) {
      const message =
        'chatmeter proxy: this proxy needs its token (the x-chatmeter-token header, or /t/<token> at the start of the base URL).';
      answer(res, proxyErrorResponse(route.provider, 'token', message));
      return;
    }
    const base = route.provider === 'openai' ? settings.openaiUpstream : settings.anthropicUpstream;
    const exchange: Exchange = {
      req,
      res,
      route,
      upstreamUrl: upstreamUrlOf(base, route.upstreamPath),
      tool: toolOf(req.headers['user-agent'], settings.tag),
      settings,
      services,
      agents,
    };
    if (route.api !== null) {
      await meteredExchange(exchange);
      return;
    }
    const outcome = await relay({
      url: exchange.upstreamUrl,
      method: req.method ?? 'GET',
      headers: endToEndHeaders(req.headers, DROPPED_REQUEST_HEADERS),
      body: Buffer.alloc(0),
      bodyRest: req,
      res,
      agents,
      timeoutMs: settings.upstreamTimeoutMs,
    });
    if (outcome.kind === 'upstream-failed' && !outcome.started) {
      const reason = outcome.timedOut ? 'upstream-timeout' : 'upstream-down';
      answer(res, proxyErrorResponse(route.provider, reason, `chatmeter proxy: ${outcome.message}`));
    }
  };
  const server = createServer((req, res) => {
    // A client that goes away mid-request makes `req` emit an error; the exchange sees the
    // same thing as its response closing, and records it there.
    req.on('error', () => undefined);
    const call = handle(req, res).catch((error: unknown) => {
      services.report({ type: 'warning', message: `A request failed in the proxy: ${errorMessage(error)}` });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return {
    origin: `http://${host}:${port}`,
    port,
    inFlight: () => inFlight.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.allSettled([...inFlight]);
      agents.http.destroy();
      agents.https.destroy();
      await closed;
    },
  };
}
