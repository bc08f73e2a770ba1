import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lazyTokenEstimator } from '../../src/core/tokens/estimate';
import { type Ledger, openLedger } from '../../src/core/ledger/ledger';
import { LedgerSink } from '../../src/core/ledger/recording';
import { loadPriceTable } from '../../src/core/pricing/table';
import type { CallRecord } from '../../src/core/usage/types';
import { type RunningProxy, startProxy } from '../../src/proxy/server';
import type { ProxyEvent, ProxyServices, ProxySettings } from '../../src/proxy/types';

/** A recognisable fake key: tests assert it reaches the upstream unchanged. */
export const FAKE_KEY = 'sk-test-PROXY-LEAKCHECK-123';

/**
 * Round prices for two test models, so the expected costs below are worked out by hand:
 * `test-gpt` $1 in / $10 out / $0.10 cache read / $1.25 cache write per 1M tokens;
 * `test-claude` $3 / $15 / $0.30 / $3.75 (5m) / $6 (1h).
 */
export const TEST_PRICING = {
  models: {
    'test-gpt': { provider: 'openai', input: 1, output: 10, cacheRead: 0.1, cacheWrite5m: 1.25 },
    'test-claude': {
      provider: 'anthropic',
      input: 3,
      output: 15,
      cacheRead: 0.3,
      cacheWrite5m: 3.75,
      cacheWrite1h: 6,
    },
  },
};

/** A proxy in this process, in front of `upstream`, recording into an in-memory ledger. */
export interface ProxyHarness {
  readonly proxy: RunningProxy;
  /** `http://127.0.0.1:PORT/v1`: what an OpenAI SDK takes as its base URL. */
  readonly openaiBase: string;
  readonly ledger: Ledger;
  readonly calls: CallRecord[];
  readonly events: ProxyEvent[];
  /** Resolves once `count` calls have been recorded (event-driven, no polling). */
  callsRecorded(count: number): Promise<CallRecord[]>;
  /** The `tool` column of every recorded call, in order. */
  toolColumn(): string[];
  close(): Promise<void>;
}

/** Starts a proxy whose OpenAI and Anthropic upstreams are both `upstreamOrigin`. */
export async function startHarness(
  upstreamOrigin: string,
  settings: Partial<ProxySettings> = {},
  services: Partial<ProxyServices> = {},
): Promise<ProxyHarness> {
  const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
  const sink = new LedgerSink(ledger, 'real');
  const calls: CallRecord[] = [];
  const events: ProxyEvent[] = [];
  const waiters: { count: number; resolve: (calls: CallRecord[]) => void }[] = [];
  const priceTable = await loadPriceTable({ overrides: TEST_PRICING });
  const proxy = await startProxy(
    {
      host: '127.0.0.1',
      port: 0,
      openaiUpstream: `${upstreamOrigin}/v1`,
      anthropicUpstream: upstreamOrigin,
      forceUsage: false,
      token: null,
      upstreamTimeoutMs: 30_000,
      maxRequestBytes: 1024 * 1024,
      ...settings,
    },
    {
      sessionId: 'proxy-session',
      priceTable,
      estimator: lazyTokenEstimator(),
      guard: null,
      record(call) {
        sink.record(call);
        calls.push(call);
        for (const waiter of [...waiters]) {
          if (calls.length >= waiter.count) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(calls);
          }
        }
      },
      report: (event) => events.push(event),
      ...services,
    },
  );
  return {
    proxy,
    openaiBase: `${proxy.origin}/v1`,
    ledger,
    calls,
    events,
    callsRecorded: (count) =>
      calls.length >= count
        ? Promise.resolve(calls)
        : new Promise((resolve) => waiters.push({ count, resolve })),
    toolColumn: () =>
      (ledger.db.prepare('SELECT tool FROM calls ORDER BY rowid').all() as { tool: string }[]).map(
        (row) => row.tool,
      ),
    async close() {
      await proxy.close();
      ledger.close();
    },
  };
}

/** An upstream whose handler the test writes (one that hangs, or holds a stream open). */
export interface ScriptedUpstream {
  readonly origin: string;
  /** Resolves when a request's connection to this upstream closes (the proxy let go of it). */
  readonly requestClosed: Promise<void>;
  close(): Promise<void>;
}

/** Starts an upstream on 127.0.0.1 that answers every request with `handler`. */
export async function startScriptedUpstream(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<ScriptedUpstream> {
  let closed!: () => void;
  const requestClosed = new Promise<void>((resolve) => {
    closed = resolve;
  });
  const server: Server = createServer((req, res) => {
    res.on('close', closed);
    req.resume();
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requestClosed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
