import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BudgetMonitor } from '../../src/core/budget/monitor';
import { limitsFromSettings } from '../../src/core/budget/state';
import { lazyTokenEstimator } from '../../src/core/tokens/estimate';
import { withDefaults } from '../../src/core/config/settings';
import { loadPriceTable } from '../../src/core/pricing/table';
import { Reservations, usedUpMessage } from '../../src/proxy/budget';
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

/** A block-mode budget of `sessionUsd` over the test prices, with this session's spend. */
async function blockingMonitor(
  sessionUsd: number,
  sessionSpentPicoUsd: () => bigint,
  countTokens: (text: string) => number = (text) => text.length,
): Promise<BudgetMonitor> {
  const table = await loadPriceTable({ overrides: TEST_PRICING });
  return new BudgetMonitor({
    sessionId: 'proxy-session',
    limits: limitsFromSettings({ ...withDefaults({}).budget, sessionUsd, onExceed: 'block' }),
    mode: 'real',
    sessionSpentPicoUsd,
    ledger: null,
    priceOf: (model) => table.resolve(model),
    countTokens,
    context: 'proxy',
  });
}

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

  it('records the recorded mid-stream overloaded error as the chat does: failed, overloaded', async () => {
    const { upstream, h } = await replayed();
    // Its frames before the error carry no event: line, so the SDK (the chat's and the
    // client's) reads only the error: the chat records a failed call with no tokens.
    const fixture = loadFixture('_transcribed/anthropic-stream-overloaded-midstream.vercel-test.sse');
    upstream.serve(fixture);
    const error = await anthropicAt(h)
      .messages.stream({ model: 'test-claude', max_tokens: 10, messages })
      .finalMessage()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ error: { error: { type: 'overloaded_error' } } });
    const [call] = await h.callsRecorded(1);
    expect(call).toMatchObject({ outcome: 'failed', errorKind: 'overloaded', estimated: false });
    expect(call!.usage).toMatchObject({ inputTokens: 0, outputTokens: 0 });
  });

  it('refuses a call over a block-mode budget with the provider error, sending and recording nothing', async () => {
    const upstream = await startReplayServer();
    const monitor = await blockingMonitor(0.000001, () => 0n);
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

  it('holds each admitted call\'s worst case while in flight, so parallel calls keep to a block-mode budget', async () => {
    const fixture = loadFixture('anthropic/messages-stream-basic.sse');
    const held: ServerResponse[] = [];
    const upstream = await startScriptedUpstream((_req, res) => {
      held.push(res);
    });
    const reservations = new Reservations();
    const started: { h?: ProxyHarness } = {};
    const spent = () =>
      (started.h?.calls ?? []).reduce((sum, call) => sum + (call.costPicoUsd ?? 0n), 0n);
    const tokenizer = await lazyTokenEstimator()();
    // Worst case of one call: "hi" (1 o200k token) at $3/M plus 10 output tokens at $15/M =
    // $0.000153; $0.0005 fits three of them.
    const monitor = await blockingMonitor(
      0.0005,
      () => spent() + reservations.totalPicoUsd,
      (text) => tokenizer.countTokens(text),
    );
    const h = await startHarness(upstream.origin, {}, {
      guard: monitor.guard,
      reservations,
      estimator: async () => tokenizer,
    });
    started.h = h;
    cleanups.push(() => upstream.close(), () => h.close());
    const body = JSON.stringify({ model: 'test-claude', max_tokens: 10, messages, stream: true });
    const statuses = Array.from({ length: 20 }, () =>
      fetch(`${h.proxy.origin}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': FAKE_KEY },
        body,
      }).then(async (response) => (await response.arrayBuffer(), response.status)),
    );
    await vi.waitFor(() =>
      expect(held.length + h.events.filter((e) => e.type === 'blocked').length).toBe(20),
    );
    expect(held).toHaveLength(3);
    for (const res of held) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(fixture.body);
    }
    expect((await Promise.all(statuses)).sort()).toEqual([...Array(3).fill(200), ...Array(17).fill(402)]);
    await h.callsRecorded(3);
    expect(spent()).toBe(270_000_000n);
    expect(reservations.totalPicoUsd).toBe(0n);
  });

  it('refuses a request whose model cannot be read once a block-mode budget is used up', async () => {
    const upstream = await startReplayServer();
    const monitor = await blockingMonitor(0.000001, () => 1_000_000n);
    const h = await startHarness(
      upstream.origin,
      { maxRequestBytes: 64 },
      { guard: monitor.guard, usedUp: () => usedUpMessage(monitor) },
    );
    cleanups.push(() => upstream.close(), () => h.close());
    const bodies = [
      '{"messages": [',
      JSON.stringify({ messages }),
      JSON.stringify({ model: 'test-gpt', messages: [{ role: 'user', content: 'x'.repeat(100) }] }),
    ];
    for (const body of bodies) {
      const response = await fetch(`${h.openaiBase}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${FAKE_KEY}` },
        body,
      });
      expect(response.status).toBe(402);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /^chatmeter proxy: Budget: not sent\. The session budget is used up .* names no model/,
      );
    }
    expect(upstream.requests).toHaveLength(0);
    expect(h.calls).toHaveLength(0);
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
