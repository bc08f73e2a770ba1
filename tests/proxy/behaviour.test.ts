import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, replayResponse, type ReplayServer, startReplayServer } from '../helpers/replay-server';
import { FAKE_KEY, type ProxyHarness, startHarness } from './harness';

let upstream: ReplayServer;
const harnesses: ProxyHarness[] = [];
beforeAll(async () => {
  upstream = await startReplayServer();
});
afterAll(async () => {
  for (const h of harnesses) await h.close();
  await upstream.close();
});

async function harness(settings: Parameters<typeof startHarness>[1] = {}): Promise<ProxyHarness> {
  const h = await startHarness(upstream.origin, settings);
  harnesses.push(h);
  return h;
}

const messages = [{ role: 'user' as const, content: 'hi' }];
const STREAM = loadFixture('openai/chat-stream-include-usage.sse');
/** The recorded stream without its usage-only chunk: what a client that did not ask gets. */
const STREAM_WITHOUT_USAGE = replayResponse(
  STREAM.body.toString('utf8').replace(/data: \{[^\n]*"choices":\[\],"usage":\{[^\n]*\n\n/, ''),
  200,
  STREAM.headers,
);

function curl(args: readonly string[]): Promise<{ code: number | null; stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['--silent', '--show-error', '--no-buffer', ...args]);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks) }));
  });
}

describe('chatmeter proxy behaviour', () => {
  it('records a stream that carries no usage as estimated, adding nothing to the request', async () => {
    const h = await harness();
    upstream.serve(STREAM_WITHOUT_USAGE);
    const client = new OpenAI({ apiKey: FAKE_KEY, baseURL: h.openaiBase, maxRetries: 0 });
    const response = await client.chat.completions
      .create({ model: 'test-gpt', messages, stream: true })
      .asResponse();
    expect(Buffer.from(await response.arrayBuffer()).equals(STREAM_WITHOUT_USAGE.body)).toBe(true);
    expect(JSON.parse(upstream.requests.at(-1)!.body)).toEqual({ model: 'test-gpt', messages, stream: true });
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'ok', estimated: true });
    expect(call!.usage.outputTokens).toBeGreaterThan(0);
  });

  it('--force-usage asks for usage upstream and hides the usage chunk from the client', async () => {
    const h = await harness({ forceUsage: true });
    upstream.serve(STREAM, { kind: 'bytewise' });
    const client = new OpenAI({ apiKey: FAKE_KEY, baseURL: h.openaiBase, maxRetries: 0 });
    const response = await client.chat.completions
      .create({ model: 'test-gpt', messages, stream: true })
      .asResponse();
    expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(
      STREAM_WITHOUT_USAGE.body.toString('utf8'),
    );
    expect(JSON.parse(upstream.requests.at(-1)!.body)).toMatchObject({
      stream_options: { include_usage: true },
    });
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'ok', estimated: false, costPicoUsd: 347_000_000n });
  });

  it('needs the token when one is set: the x-chatmeter-token header or a /t/<token> prefix', async () => {
    const h = await harness({ token: 'sekret' });
    upstream.serve(loadFixture('openai/chat-basic.json'));
    const without = new OpenAI({ apiKey: FAKE_KEY, baseURL: h.openaiBase, maxRetries: 0 });
    await expect(without.chat.completions.create({ model: 'test-gpt', messages })).rejects.toMatchObject({
      status: 401,
    });
    const header = new OpenAI({
      apiKey: FAKE_KEY,
      baseURL: h.openaiBase,
      maxRetries: 0,
      defaultHeaders: { 'x-chatmeter-token': 'sekret' },
    });
    await header.chat.completions.create({ model: 'test-gpt', messages });
    expect(upstream.requests.at(-1)!.headers['x-chatmeter-token']).toBeUndefined();
    const prefix = new OpenAI({ apiKey: FAKE_KEY, baseURL: `${h.proxy.origin}/t/sekret/v1`, maxRetries: 0 });
    await prefix.chat.completions.create({ model: 'test-gpt', messages });
    expect(upstream.requests.at(-1)!.url).toBe('/v1/chat/completions');
    expect(await h.callsRecorded(2)).toHaveLength(2);
  });

  it('passes a malformed request body through unchanged and lets the provider answer', async () => {
    const h = await harness();
    upstream.serve(loadFixture('anthropic/error-400-invalid-request.json'));
    const response = await fetch(`${h.proxy.origin}/v1/messages`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(upstream.requests.at(-1)!.body).toBe('{not json');
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'failed', errorKind: 'bad_request', model: 'unknown' });
  });

  it('passes a request larger than the read limit through unchanged, recording the model the response names', async () => {
    const h = await harness({ maxRequestBytes: 64 });
    upstream.serve(loadFixture('openai/chat-basic.json'));
    const long = [{ role: 'user' as const, content: 'x'.repeat(5000) }];
    const sent = JSON.stringify({ model: 'test-gpt', messages: long });
    const response = await fetch(`${h.openaiBase}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: sent,
    });
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)!.body).toBe(sent);
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', outcome: 'ok', estimated: false });
    expect(call!.usage.inputTokens).toBe(146);
  });

  it('records a response whose usage cannot be read as estimated, with a warning', async () => {
    const h = await harness();
    upstream.serve(
      replayResponse(
        JSON.stringify({ model: 'test-gpt', choices: [{ message: { content: 'Hello there' } }], usage: { prompt_tokens: -3 } }),
        200,
        { 'content-type': 'application/json' },
      ),
    );
    await new OpenAI({ apiKey: FAKE_KEY, baseURL: h.openaiBase, maxRetries: 0 }).chat.completions.create({
      model: 'test-gpt',
      messages,
    });
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'ok', estimated: true });
    expect(call!.usage.outputTokens).toBeGreaterThan(0);
    expect(h.events.some((e) => e.type === 'warning' && e.message.includes('could not be read'))).toBe(true);
  });

  it('records nothing for a client that leaves before its request is sent, and serves the next', async () => {
    const h = await harness();
    const { port } = new URL(h.proxy.origin);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-length: 1000\r\n\r\n{"model":');
    socket.destroy();
    upstream.serve(loadFixture('anthropic/messages-basic.json'));
    const before = upstream.requests.length;
    const response = await fetch(`${h.proxy.origin}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({ model: 'test-claude', max_tokens: 10, messages }),
    });
    expect(response.status).toBe(200);
    const calls = await h.callsRecorded(1);
    expect(calls).toHaveLength(1);
    expect(upstream.requests.length).toBe(before + 1);
    expect(h.events.filter((e) => e.type === 'warning')).toEqual([]);
  });

  it('passes other paths through to the right provider without recording them', async () => {
    const h = await harness();
    upstream.serve(replayResponse('{"data":[]}', 200, { 'content-type': 'application/json' }));
    await fetch(`${h.proxy.origin}/v1/models`);
    expect(upstream.requests.at(-1)!.url).toBe('/v1/models');
    await fetch(`${h.proxy.origin}/v1/models?limit=2`, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(upstream.requests.at(-1)!.url).toBe('/v1/models?limit=2');
    await fetch(`${h.proxy.origin}/v1/messages/count_tokens`, { method: 'POST', body: '{}' });
    expect(upstream.requests.at(-1)!.url).toBe('/v1/messages/count_tokens');
    expect(h.calls).toHaveLength(0);
  });

  it('serves curl: a streamed Anthropic reply byte for byte, recorded under the tool curl', async () => {
    const h = await harness();
    const fixture = loadFixture('anthropic/messages-stream-basic.sse');
    upstream.serve(fixture, { kind: 'bytewise' });
    const result = await curl([
      `${h.proxy.origin}/v1/messages`,
      '-H', `x-api-key: ${FAKE_KEY}`,
      '-H', 'anthropic-version: 2023-06-01',
      '-H', 'content-type: application/json',
      '-d', JSON.stringify({ model: 'test-claude', max_tokens: 10, stream: true, messages }),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.equals(fixture.body)).toBe(true);
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ tool: 'curl', costPicoUsd: 90_000_000n, outcome: 'ok' });
    expect(h.toolColumn()).toEqual(['curl']);
  });

  it('records a 200 whose body is not JSON as ok and estimated, with a warning', async () => {
    const h = await harness();
    upstream.serve(replayResponse('Hello, not JSON', 200, { 'content-type': 'text/plain' }));
    const response = await fetch(`${h.openaiBase}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${FAKE_KEY}` },
      body: JSON.stringify({ model: 'test-gpt', messages }),
    });
    expect(await response.text()).toBe('Hello, not JSON');
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'ok', estimated: true, errorKind: null });
    expect(call!.usage.inputTokens).toBeGreaterThan(0);
    expect(h.events.some((e) => e.type === 'warning' && e.message.includes('not JSON'))).toBe(true);
  });

  // The recorded figures: chat-basic.json 146 in x $1 + 3 out x $10; messages-stream-basic.sse
  // 10 in x $3 + 4 out x $15.
  it.each([
    { coding: 'gzip', fixture: 'openai/chat-basic.json', path: '/v1/chat/completions', cost: 176_000_000n, encode: gzipSync },
    { coding: 'deflate', fixture: 'openai/chat-basic.json', path: '/v1/chat/completions', cost: 176_000_000n, encode: deflateSync },
    { coding: 'br', fixture: 'anthropic/messages-stream-basic.sse', path: '/v1/messages', cost: 90_000_000n, encode: brotliCompressSync },
  ])('reads a $coding body the upstream compressed anyway, relaying its bytes unchanged', async ({ coding, fixture, path, cost, encode }) => {
    const h = await harness();
    const recorded = loadFixture(fixture);
    const compressed = encode(recorded.body);
    upstream.serve(replayResponse(compressed, 200, { ...recorded.headers, 'content-encoding': coding }));
    const model = path === '/v1/messages' ? 'test-claude' : 'test-gpt';
    const result = await curl([
      `${h.proxy.origin}${path}`,
      '-H', `authorization: Bearer ${FAKE_KEY}`,
      '-H', 'content-type: application/json',
      '-d', JSON.stringify({ model, max_tokens: 10, stream: path === '/v1/messages', messages }),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.equals(compressed)).toBe(true);
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'ok', estimated: false, costPicoUsd: cost });
  });

  it('meters /v1/chat/completions sent with Anthropic-style headers as an OpenAI call', async () => {
    const h = await harness();
    upstream.serve(loadFixture('openai/chat-basic.json'));
    const response = await fetch(`${h.openaiBase}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': FAKE_KEY, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'test-gpt', messages }),
    });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ provider: 'openai', model: 'test-gpt', costPicoUsd: 176_000_000n });
  });
});
