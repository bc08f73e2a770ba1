import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { BudgetMonitor } from '../../src/core/budget/monitor';
import { limitsFromSettings } from '../../src/core/budget/state';
import { withDefaults } from '../../src/core/config/settings';
import { loadPriceTable } from '../../src/core/pricing/table';
import {
  cutAfterFrame,
  loadFixture,
  replayResponse,
  type ReplayServer,
  startReplayServer,
} from '../helpers/replay-server';
import {
  FAKE_KEY,
  type ProxyHarness,
  startHarness,
  startScriptedUpstream,
  TEST_PRICING,
} from './harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function replayed(): Promise<{ upstream: ReplayServer; h: ProxyHarness }> {
  const upstream = await startReplayServer();
  const h = await startHarness(upstream.origin);
  cleanups.push(() => upstream.close(), () => h.close());
  return { upstream, h };
}

const messages = [{ role: 'user' as const, content: 'hi' }];
const openaiAt = (h: ProxyHarness) =>
  new OpenAI({ apiKey: FAKE_KEY, baseURL: h.openaiBase, maxRetries: 0 });
const anthropicAt = (h: ProxyHarness) =>
  new Anthropic({ apiKey: FAKE_KEY, baseURL: h.proxy.origin, maxRetries: 0 });

describe('chatmeter proxy when things go wrong', () => {
  it('aborts the upstream when the client leaves mid-stream and records the usage so far as aborted', async () => {
    const body = loadFixture('anthropic/messages-stream-basic.sse').body;
    const head = body.subarray(0, cutAfterFrame(body, 'content_block_delta'));
    const upstream = await startScriptedUpstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(head);
    });
    const h = await startHarness(upstream.origin);
    cleanups.push(() => upstream.close(), () => h.close());
    const stream = await anthropicAt(h).messages.create({
      model: 'test-claude',
      max_tokens: 100,
      messages,
      stream: true,
    });
    for await (const event of stream) if (event.type === 'content_block_delta') break;
    await upstream.requestClosed;
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'aborted', errorKind: 'cancelled', estimated: true });
    // message_start reported 10 input and 2 output tokens; the text so far ("Hello") is 1.
    expect(call!.usage.inputTokens).toBe(10);
    expect(call!.usage.outputTokens).toBe(2);
    expect(h.calls).toHaveLength(1);
  });

  it.each([
    ['openai', 'openai/error-401-invalid-api-key.json', 401, 'auth'],
    ['openai', 'openai/error-429-insufficient-quota.json', 429, 'rate_limit'],
    ['anthropic', 'anthropic/error-401-authentication.json', 401, 'auth'],
  ] as const)('%s: passes an upstream %s (%i) to the client as sent and records a failed call (%s)', async (provider, fixture, status, kind) => {
    const { upstream, h } = await replayed();
    const response = loadFixture(fixture, { status });
    upstream.serve(response);
    const send =
      provider === 'openai'
        ? openaiAt(h).chat.completions.create({ model: 'test-gpt', messages })
        : anthropicAt(h).messages.create({ model: 'test-claude', max_tokens: 10, messages });
    await expect(send).rejects.toMatchObject({ status });
    upstream.serve(response);
    const raw = await fetch(`${h.proxy.origin}${provider === 'openai' ? '/v1/chat/completions' : '/v1/messages'}`, {
      method: 'POST',
      headers: provider === 'anthropic' ? { 'anthropic-version': '2023-06-01' } : {},
      body: JSON.stringify({ model: provider === 'openai' ? 'test-gpt' : 'test-claude', messages }),
    });
    expect(raw.status).toBe(status);
    expect(Buffer.from(await raw.arrayBuffer()).equals(response.body)).toBe(true);
    const calls = await h.callsRecorded(2);
    for (const call of calls) {
      expect(call).toMatchObject({ outcome: 'failed', errorKind: kind, estimated: false });
      expect(call.usage.inputTokens + call.usage.outputTokens).toBe(0);
    }
  });

  it('records a failed call for an upstream 500', async () => {
    const { upstream, h } = await replayed();
    upstream.serve(
      replayResponse('{"type":"error","error":{"type":"api_error","message":"Internal server error"}}', 500, {
        'content-type': 'application/json',
      }),
    );
    await expect(
      anthropicAt(h).messages.create({ model: 'test-claude', max_tokens: 10, messages }),
    ).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'failed', errorKind: 'server', model: 'test-claude' });
  });

  it('answers a hanging upstream with a 504 in the provider shape and records a timeout', async () => {
    const upstream = await startScriptedUpstream(() => undefined);
    const h = await startHarness(upstream.origin, { upstreamTimeoutMs: 200 });
    cleanups.push(() => upstream.close(), () => h.close());
    const error = await anthropicAt(h)
      .messages.create({ model: 'test-claude', max_tokens: 10, messages })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 504, error: { type: 'error', error: { type: 'api_error' } } });
    const openaiError = await openaiAt(h)
      .chat.completions.create({ model: 'test-gpt', messages })
      .catch((e: unknown) => e);
    expect(openaiError).toMatchObject({ status: 504, error: { type: 'server_error' } });
    const calls = await h.callsRecorded(2);
    for (const call of calls) expect(call).toMatchObject({ outcome: 'failed', errorKind: 'timeout' });
  });

  it('answers when the upstream is down (502) and records a network failure', async () => {
    const gone = await startScriptedUpstream(() => undefined);
    await gone.close();
    const h = await startHarness(gone.origin);
    cleanups.push(() => h.close());
    await expect(
      openaiAt(h).chat.completions.create({ model: 'test-gpt', messages }),
    ).rejects.toMatchObject({ status: 502 });
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'failed', errorKind: 'network', costPicoUsd: 0n });
  });

  it('cuts the client off when the upstream stream breaks, and records an aborted, estimated call', async () => {
    const { upstream, h } = await replayed();
    const fixture = loadFixture('anthropic/messages-stream-basic.sse');
    upstream.serve(fixture, { kind: 'reset', cutAt: cutAfterFrame(fixture.body, 'content_block_delta') });
    const stream = anthropicAt(h).messages.stream({ model: 'test-claude', max_tokens: 10, messages });
    await expect(stream.finalMessage()).rejects.toThrow();
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'aborted', errorKind: 'network', estimated: true });
    expect(call!.usage.inputTokens).toBe(10);
  });

  it('passes an in-band stream error on as sent and records the call as the chat would', async () => {
    const { upstream, h } = await replayed();
    // messages-stream-basic.sse cut after its content_block_delta, then the in-band error frame
    // of the vercel/ai test (as INDEX.md suggests).
    const basic = loadFixture('anthropic/messages-stream-basic.sse');
    const head = basic.body.subarray(0, cutAfterFrame(basic.body, 'content_block_delta'));
    const text = loadFixture('_transcribed/anthropic-stream-overloaded-midstream.vercel-test.sse')
      .body.toString('utf8');
    const spliced = Buffer.concat([head, Buffer.from(text.slice(text.indexOf('event: error')))]);
    upstream.serve(replayResponse(spliced, 200, basic.headers));
    const raw = await anthropicAt(h)
      .messages.create({ model: 'test-claude', max_tokens: 10, messages, stream: true })
      .asResponse();
    expect(Buffer.from(await raw.arrayBuffer()).equals(spliced)).toBe(true);
    upstream.serve(loadFixture('openai/responses-stream-error-insufficient-quota.sse'));
    await expect(
      (async () => {
        const events = await openaiAt(h).responses.create({ model: 'test-gpt', input: 'hi', stream: true });
        for await (const event of events) void event;
      })(),
    ).rejects.toThrow();
    const [overloaded, quota] = await h.callsRecorded(2);
    // message_start reported 10 in and 2 out; the estimate of "Hello" (1 token) is lower.
    expect(overloaded).toMatchObject({ outcome: 'aborted', errorKind: 'overloaded', estimated: true });
    expect(overloaded!.usage).toMatchObject({ inputTokens: 10, outputTokens: 2 });
    expect(quota).toMatchObject({ outcome: 'failed', errorKind: 'rate_limit', estimated: false });
  });

  it('refuses a call over a block-mode budget with the provider error, sending and recording nothing', async () => {
    const upstream = await startReplayServer();
    const table = await loadPriceTable({ overrides: TEST_PRICING });
    const monitor = new BudgetMonitor({
      sessionId: 'proxy-session',
      limits: limitsFromSettings({ ...withDefaults({}).budget, sessionUsd: 0.000001, onExceed: 'block' }),
      mode: 'real',
      sessionSpentPicoUsd: () => 0n,
      ledger: null,
      priceOf: (model) => table.resolve(model),
      countTokens: (text) => text.length,
      context: 'proxy',
    });
    const h = await startHarness(upstream.origin, {}, { guard: monitor.guard });
    cleanups.push(() => upstream.close(), () => h.close());
    const error = await anthropicAt(h)
      .messages.create({ model: 'test-claude', max_tokens: 1000, messages })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 402, error: { error: { type: 'billing_error' } } });
    expect((error as Error).message).toMatch(
      /chatmeter proxy: Budget: not sent\. .* session budget .*`chatmeter proxy --budget <usd>`.* lower the request's max output tokens\./,
    );
    const openaiError = await openaiAt(h)
      .chat.completions.create({ model: 'test-gpt', messages })
      .catch((e: unknown) => e);
    expect(openaiError).toMatchObject({ status: 402, error: { type: 'insufficient_quota' } });
    expect(upstream.requests).toHaveLength(0);
    expect(h.calls).toHaveLength(0);
    expect(h.events.filter((e) => e.type === 'blocked')).toHaveLength(2);
  });

  it('records each of 50 concurrent streamed calls exactly once', async () => {
    const { upstream, h } = await replayed();
    upstream.serve(loadFixture('anthropic/messages-stream-basic.sse'));
    const client = anthropicAt(h);
    const finals = await Promise.all(
      Array.from({ length: 50 }, () =>
        client.messages.stream({ model: 'test-claude', max_tokens: 10, messages }).finalMessage(),
      ),
    );
    expect(finals.every((m) => m.usage.output_tokens === 4)).toBe(true);
    const calls = await h.callsRecorded(50);
    expect(new Set(calls.map((c) => c.callId)).size).toBe(50);
    expect(calls.every((c) => c.outcome === 'ok' && c.costPicoUsd === 90_000_000n)).toBe(true);
    const row = h.ledger.db.prepare('SELECT COUNT(*) AS n, SUM(cost_pico) AS cost FROM calls').get() as {
      n: number;
      cost: number;
    };
    expect(row).toEqual({ n: 50, cost: 4_500_000_000 });
    expect(h.proxy.inFlight()).toBe(0);
  });
});
