import type { Agent, IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { estimateCall } from '../core/budget/preflight';
import { errorMessage } from '../core/errors';
import { proxyErrorResponse, type ProxyErrorResponse } from './error-shape';
import { contentCodings, DecodedReader } from './decoded-reader';
import { JsonReader } from './json-reader';
import type { ResponseReading } from './reading';
import { endToEndHeaders, relay, type RelayOutcome, type ResponseTap } from './relay';
import { readRequest, type RequestInfo, withForcedUsage } from './request-body';
import type { MeteredApi, Route } from './route';
import { settleProxyCall } from './settle';
import { StreamReader } from './stream-reader';
import type { ProxyServices, ProxySettings } from './types';

/** The request headers never passed upstream (`x-chatmeter-token` is the proxy's own). */
export const DROPPED_REQUEST_HEADERS = ['x-chatmeter-token'] as const;

/** One incoming request the proxy relays. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly route: Route;
  readonly upstreamUrl: URL;
  readonly tool: string;
  readonly settings: ProxySettings;
  readonly services: ProxyServices;
  readonly agents: { readonly http: Agent; readonly https: Agent };
}

/** Writes one of the proxy's own answers, unless the client has gone. */
export function answer(res: ServerResponse, response: ProxyErrorResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

/**
 * Reads a request body up to `limit` bytes; `whole` is false when it is longer (the rest is then
 * left paused in `req`). Null when the client went away before sending all of it.
 */
function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ body: Buffer; whole: boolean } | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      bytes += chunk.length;
      if (bytes <= limit) return;
      req.pause();
      req.off('data', onData);
      resolve({ body: Buffer.concat(chunks), whole: false });
    };
    req.on('data', onData);
    req.on('end', () => resolve({ body: Buffer.concat(chunks), whole: true }));
    // After 'end' or a resolve above these change nothing: a promise settles once.
    req.on('close', () => resolve(null));
    req.on('error', () => resolve(null));
  });
}

/**
 * A tap that reads usage from the response and, with `strip`, hides the usage-only chunk. A
 * compressed body (an upstream that ignored `accept-encoding: identity`) is relayed as it came
 * and decoded only for reading, at its end.
 */
function readingTap(
  api: MeteredApi,
  headers: IncomingHttpHeaders,
  strip: boolean,
): { tap: ResponseTap; finish: (ended: boolean) => ResponseReading } {
  const sse = String(headers['content-type'] ?? '').includes('text/event-stream');
  const codings = contentCodings(headers['content-encoding']);
  if (!sse || codings.length > 0) {
    const inner = sse ? new StreamReader(api) : new JsonReader(api);
    const reader = codings.length > 0 ? new DecodedReader(codings, inner) : inner;
    return {
      tap: { rewrites: false, chunk: (chunk) => (reader.push(chunk), chunk), end: () => null },
      finish: (ended) => reader.finish(ended),
    };
  }
  const reader = new StreamReader(api);
  const tap: ResponseTap = {
    rewrites: strip,
    chunk(chunk) {
      const frames = reader.push(chunk);
      if (!strip) return chunk;
      const kept = frames.filter((frame) => !reader.isUsageOnly(frame));
      return Buffer.from(kept.map((frame) => frame.raw).join(''));
    },
    end: () => (strip ? Buffer.from(reader.rest()) : null),
  };
  return { tap, finish: () => reader.finish() };
}

/** Refuses a call over budget: the provider's error to the client, a `blocked` event. */
function refuse(exchange: Exchange, model: string, message: string): null {
  exchange.services.report({ type: 'blocked', tool: exchange.tool, model, message });
  const text = `chatmeter proxy: ${message}`;
  answer(exchange.res, proxyErrorResponse(exchange.route.provider, 'budget', text));
  return null;
}

/**
 * The budget check. Returns the release of the call's reservation (its worst case, held while
 * it is in flight), or null when the call was refused (and answered). A call whose model cannot
 * be read passes unless a budget is used up in block mode.
 */
async function admit(exchange: Exchange, info: RequestInfo | null): Promise<(() => void) | null> {
  const { guard, report, reservations, priceTable } = exchange.services;
  const none = () => undefined;
  if (!guard) return none;
  if (!info?.model) {
    const usedUp = exchange.services.usedUp?.() ?? null;
    return usedUp === null ? none : refuse(exchange, 'unknown model', usedUp);
  }
  const estimator = reservations ? await exchange.services.estimator() : null;
  // From here to the hold, no await: concurrent calls are checked one after another.
  const promptText = info.promptText();
  const decision = guard({ model: info.model, promptText, maxOutputTokens: info.maxOutputTokens });
  if (decision.action === 'warn') report({ type: 'warning', message: decision.message });
  if (decision.action === 'block') return refuse(exchange, info.model, decision.message);
  if (!reservations || !estimator) return none;
  const worstCase = estimateCall(
    info.model,
    priceTable.resolve(info.model),
    estimator.countTokens(promptText),
    info.maxOutputTokens,
  ).costPicoUsd;
  return worstCase === null ? none : reservations.hold(worstCase);
}

/**
 * Relays one metered call: checks the budget, forwards the request with the client's own
 * headers and key (asking for identity encoding so usage can be read), streams the response
 * back as it arrives while reading its usage, then records the call. An upstream that is down
 * or silent gets the provider's error shape to the client and a failed call in the ledger.
 */
export async function meteredExchange(exchange: Exchange): Promise<void> {
  const { req, settings, services } = exchange;
  const startMs = (services.nowMs ?? Date.now)();
  const read = await readBody(req, settings.maxRequestBytes);
  // A client that leaves before its request is whole sent nothing upstream: nothing to record.
  if (read === null) return;
  const { body, whole } = read;
  const info = whole ? readRequest(body) : null;
  const release = await admit(exchange, info);
  if (release === null) return;
  try {
    await forward(exchange, { body, whole, info, startMs });
  } finally {
    release();
  }
}

async function forward(
  exchange: Exchange,
  request: { body: Buffer; whole: boolean; info: RequestInfo | null; startMs: number },
): Promise<void> {
  const { req, res, route, settings, services } = exchange;
  const api = route.api!;
  const nowMs = services.nowMs ?? Date.now;
  const { body, whole, info, startMs } = request;
  const forced = settings.forceUsage && info ? withForcedUsage(api, info) : null;
  const sent = forced ?? body;
  const headers = endToEndHeaders(req.headers, [...DROPPED_REQUEST_HEADERS, 'content-length']);
  headers['accept-encoding'] = 'identity';
  const length = whole ? String(sent.length) : req.headers['content-length'];
  if (length !== undefined) headers['content-length'] = length;
  // Set once the response starts: how to read what the tap saw.
  const response: { finish?: (ended: boolean) => ResponseReading } = {};
  const outcome: RelayOutcome = await relay({
    url: exchange.upstreamUrl,
    method: req.method ?? 'POST',
    headers,
    body: sent,
    bodyRest: whole ? undefined : req,
    res,
    agents: exchange.agents,
    timeoutMs: settings.upstreamTimeoutMs,
    onResponse(_status, responseHeaders) {
      const reading = readingTap(api, responseHeaders, !!forced);
      response.finish = reading.finish;
      return reading.tap;
    },
  });
  if (outcome.kind === 'upstream-failed' && !outcome.started) {
    const reason = outcome.timedOut ? 'upstream-timeout' : 'upstream-down';
    const message = `chatmeter proxy: ${exchange.upstreamUrl.origin} ${outcome.timedOut ? 'did not answer' : 'cannot be reached'} (${outcome.message}).`;
    answer(res, proxyErrorResponse(route.provider, reason, message));
  }
  const reading = response.finish?.(outcome.kind === 'ended');
  await record(exchange, {
    info,
    outcome,
    reading: reading ?? null,
    startMs,
    endMs: nowMs(),
  });
}

async function record(
  exchange: Exchange,
  ended: {
    info: RequestInfo | null;
    outcome: RelayOutcome;
    reading: ResponseReading | null;
    startMs: number;
    endMs: number;
  },
): Promise<void> {
  const { services } = exchange;
  const call = await settleProxyCall(
    {
      sessionId: services.sessionId,
      provider: exchange.route.provider,
      requestedModel: ended.info?.model ?? null,
      tool: exchange.tool,
      outcome: ended.outcome,
      reading: ended.reading,
      promptText: ended.info?.promptText ?? (() => ''),
      startMs: ended.startMs,
      endMs: ended.endMs,
    },
    services.priceTable,
    services.estimator,
  );
  if (ended.reading?.problem) {
    services.report({
      type: 'warning',
      message: `The usage of a ${call.model} call could not be read (${ended.reading.problem}); it is recorded as estimated.`,
    });
  }
  try {
    services.record(call);
  } catch (error) {
    services.report({ type: 'warning', message: `Could not record a call: ${errorMessage(error)}` });
  }
  const status = 'status' in ended.outcome ? ended.outcome.status : null;
  services.report({ type: 'call', call, status });
}
