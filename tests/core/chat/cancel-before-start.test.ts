import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatSession } from '../../../src/core/chat/session';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import { OpenAiProvider } from '../../../src/core/providers/openai';
import type { ChatProvider } from '../../../src/core/providers/types';
import { ZERO_USAGE } from '../../../src/core/usage/types';
import { FAKE_KEY } from '../providers/harness';
import { collect, endOf } from './helpers';

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

/** A server on 127.0.0.1 that answers every request with `answer` (which may never end it). */
async function serverThat(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ origin: string; requests: () => number }> {
  let requests = 0;
  server = createServer((req, res) => {
    requests += 1;
    answer(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests: () => requests };
}

/** `provider`, calling `onStarted` when it reports that the provider has the request. */
function observed(provider: ChatProvider, onStarted: () => void): ChatProvider {
  return {
    id: provider.id,
    async *stream(request, signal) {
      for await (const event of provider.stream(request, signal)) {
        if (event.type === 'started') onStarted();
        yield event;
      }
    },
  };
}

/**
 * Sends one message to gpt-4o-mini at `origin` and cancels it once the server has it, or with
 * `until: 'started'` once the adapter has reported the response's headers.
 */
async function cancelledCall(
  target: { origin: string; requests: () => number },
  until: 'request' | 'started' = 'request',
) {
  let started!: () => void;
  const startedNow = new Promise<void>((resolve) => (started = resolve));
  const adapter = new OpenAiProvider({
    apiKey: FAKE_KEY,
    baseUrl: `${target.origin}/v1`,
    api: 'chat',
    stream: true,
    maxRetries: 0,
  });
  const provider = observed(adapter, started);
  const session = new ChatSession({
    sessionId: 's',
    provider,
    providerFactory: () => provider,
    model: 'gpt-4o-mini',
    priceTable: builtinPriceTable(),
    sinks: [],
    mode: 'real',
  });
  const controller = new AbortController();
  const events = collect(session.send('hello there', controller.signal));
  while (target.requests() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  if (until === 'started') await startedNow;
  controller.abort();
  return endOf(await events);
}

describe('a reply cancelled before anything came back', () => {
  it('counts no tokens when the server never answered (nothing billable happened)', async () => {
    const end = await cancelledCall(await serverThat(() => undefined));
    expect(end.call.outcome).toBe('aborted');
    expect(end.call.usage).toEqual(ZERO_USAGE);
    expect(end.call.estimated).toBe(false);
    expect(end.call.costPicoUsd).toBe(0n);
    expect(end.error?.kind).toBe('cancelled');
  });

  it('estimates the prompt when the stream had started (the provider may bill it)', async () => {
    const headersOnly = (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
    };
    const end = await cancelledCall(await serverThat(headersOnly), 'started');
    expect(end.call.outcome).toBe('aborted');
    expect(end.call.estimated).toBe(true);
    expect(end.call.usage.inputTokens).toBeGreaterThan(0);
    expect(end.call.usage.outputTokens).toBe(0);
  });
});
