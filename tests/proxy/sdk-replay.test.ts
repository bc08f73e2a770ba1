import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Usage, ZERO_USAGE } from '../../src/core/usage/types';
import { loadFixture, type ReplayServer, startReplayServer } from '../helpers/replay-server';
import { FAKE_KEY, type ProxyHarness, startHarness } from './harness';

let upstream: ReplayServer;
let h: ProxyHarness;

beforeAll(async () => {
  upstream = await startReplayServer();
  h = await startHarness(upstream.origin);
});
afterAll(async () => {
  await h.close();
  await upstream.close();
});

const openai = () => new OpenAI({ apiKey: FAKE_KEY, baseURL: h.openaiBase, maxRetries: 0 });
const anthropic = () =>
  new Anthropic({ apiKey: FAKE_KEY, baseURL: h.proxy.origin, maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'hi' }];

/** Usage with the named buckets set and every other bucket 0. */
function usage(buckets: Partial<Usage>): Usage {
  return { ...ZERO_USAGE, ...buckets };
}

interface Case {
  readonly fixture: string;
  readonly send: () => Promise<Response>;
  readonly usage: Usage;
  /** Worked out by hand from TEST_PRICING (USD per 1M tokens). */
  readonly costPicoUsd: bigint;
  readonly provider: 'openai' | 'anthropic';
}

const chat = (stream: boolean) => () =>
  openai()
    .chat.completions.create({
      model: 'test-gpt',
      messages,
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    })
    .asResponse();
const responses = (stream: boolean) => () =>
  openai().responses.create({ model: 'test-gpt', input: 'hi', stream }).asResponse();
const claude = (stream: boolean) => () =>
  anthropic().messages.create({ model: 'test-claude', max_tokens: 100, messages, stream }).asResponse();

const CASES: readonly Case[] = [
  // 146 x $1 + 3 x $10 = $0.000176
  { fixture: 'openai/chat-basic.json', send: chat(false), provider: 'openai',
    usage: usage({ inputTokens: 146, outputTokens: 3 }), costPicoUsd: 176_000_000n },
  // 68 x $1 + 1152 x $0.10 + 100 x $10 = $0.0011832
  { fixture: 'openai/chat-cached-tokens.json', send: chat(false), provider: 'openai',
    usage: usage({ inputTokens: 68, cacheReadTokens: 1152, outputTokens: 100 }),
    costPicoUsd: 1_183_200_000n },
  // 3 x $1 + 1217 x $1.25 + 100 x $10 = $0.00252425
  { fixture: 'openai/chat-reasoning-cache-write.json', send: chat(false), provider: 'openai',
    usage: usage({ inputTokens: 3, cacheWrite5mTokens: 1217, outputTokens: 100, reasoningTokens: 100 }),
    costPicoUsd: 2_524_250_000n },
  // 87 x $1 + 26 x $10 = $0.000347
  { fixture: 'openai/chat-stream-include-usage.sse', send: chat(true), provider: 'openai',
    usage: usage({ inputTokens: 87, outputTokens: 26 }), costPicoUsd: 347_000_000n },
  // 11 x $1 + 5 x $10 = $0.000061
  { fixture: 'openai/responses-basic.json', send: responses(false), provider: 'openai',
    usage: usage({ inputTokens: 11, outputTokens: 5 }), costPicoUsd: 61_000_000n },
  // 54 x $1 + 164 x $10 = $0.001694
  { fixture: 'openai/responses-reasoning.json', send: responses(false), provider: 'openai',
    usage: usage({ inputTokens: 54, outputTokens: 164, reasoningTokens: 128 }),
    costPicoUsd: 1_694_000_000n },
  // 125 x $1 + 1390 x $0.10 + 8 x $10 = $0.000344
  { fixture: 'openai/responses-stream-cached.sse', send: responses(true), provider: 'openai',
    usage: usage({ inputTokens: 125, cacheReadTokens: 1390, outputTokens: 8 }),
    costPicoUsd: 344_000_000n },
  // 22 x $3 + 15 x $15 = $0.000291
  { fixture: 'anthropic/messages-basic.json', send: claude(false), provider: 'anthropic',
    usage: usage({ inputTokens: 22, outputTokens: 15 }), costPicoUsd: 291_000_000n },
  // 11 x $3 + 2055 x $0.30 + 100 x $15 = $0.0021495
  { fixture: 'anthropic/messages-cache-read.json', send: claude(false), provider: 'anthropic',
    usage: usage({ inputTokens: 11, cacheReadTokens: 2055, outputTokens: 100 }),
    costPicoUsd: 2_149_500_000n },
  // 18 x $3 + 2055 x $3.75 + 100 x $15 = $0.00926025
  { fixture: 'anthropic/messages-cache-write-5m.json', send: claude(false), provider: 'anthropic',
    usage: usage({ inputTokens: 18, cacheWrite5mTokens: 2055, outputTokens: 100 }),
    costPicoUsd: 9_260_250_000n },
  // 10 x $3 + 4 x $15 = $0.00009
  { fixture: 'anthropic/messages-stream-basic.sse', send: claude(true), provider: 'anthropic',
    usage: usage({ inputTokens: 10, outputTokens: 4 }), costPicoUsd: 90_000_000n },
  // 18 x $3 + 1031 x $3.75 + 100 x $15 = $0.00542025
  { fixture: 'anthropic/messages-stream-cache-write.sse', send: claude(true), provider: 'anthropic',
    usage: usage({ inputTokens: 18, cacheWrite5mTokens: 1031, outputTokens: 100 }),
    costPicoUsd: 5_420_250_000n },
  // 11 x $3 + 1031 x $0.30 + 100 x $15 = $0.0018423
  { fixture: 'anthropic/messages-stream-cache-read.sse', send: claude(true), provider: 'anthropic',
    usage: usage({ inputTokens: 11, cacheReadTokens: 1031, outputTokens: 100 }),
    costPicoUsd: 1_842_300_000n },
  // 598 x $3 + 92 x $15 = $0.003174
  { fixture: 'anthropic/messages-stream-thinking.sse', send: claude(true), provider: 'anthropic',
    usage: usage({ inputTokens: 598, outputTokens: 92, reasoningTokens: 53 }),
    costPicoUsd: 3_174_000_000n },
];

describe('chatmeter proxy with the real SDKs in front of recorded bodies', () => {
  it.each(CASES)('$fixture: the client gets the body byte for byte; the ledger has its exact usage and cost', async (c) => {
    const before = h.calls.length;
    for (const mode of [{ kind: 'whole' }, { kind: 'bytewise' }] as const) {
      upstream.serve(loadFixture(c.fixture), mode);
      const response = await c.send();
      const body = Buffer.from(await response.arrayBuffer());
      expect(response.status).toBe(200);
      expect(body.equals(loadFixture(c.fixture).body)).toBe(true);
    }
    const [whole, bytewise] = (await h.callsRecorded(before + 2)).slice(before);
    for (const call of [whole!, bytewise!]) {
      expect(call).toMatchObject({
        provider: c.provider,
        outcome: 'ok',
        estimated: false,
        usage: c.usage,
        costPicoUsd: c.costPicoUsd,
        tool: c.provider === 'openai' ? 'openai-node' : 'anthropic-node',
      });
    }
    const stored = h.ledger.db
      .prepare('SELECT cost_pico, input_tokens, output_tokens, tool FROM calls WHERE id = ?')
      .get(whole!.callId) as Record<string, unknown>;
    expect(BigInt(stored.cost_pico as number)).toBe(c.costPicoUsd);
    expect(stored.tool).toBe(whole!.tool);
  });

  it("records the provider's own charge beside the list price", async () => {
    const before = h.calls.length;
    // Hand-made bodies (tests/fixtures/INDEX.md): xAI reports 37,756,000 ticks (10^10 ticks = $1,
    // so $0.0037756); OpenRouter streams usage.cost 0.0000066 in its last chunk.
    upstream.serve(loadFixture('_handmade/xai-chat-cost-ticks.json'));
    await openai().chat.completions.create({ model: 'test-gpt', messages });
    upstream.serve(loadFixture('_handmade/openrouter-chat-stream-cost.sse'), { kind: 'bytewise' });
    const stream = await openai().chat.completions.create({
      model: 'test-gpt',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
    const [xai, openrouter] = (await h.callsRecorded(before + 2)).slice(before);
    expect(xai).toMatchObject({
      costSource: 'provider',
      providerCostPicoUsd: 3_775_600_000n,
      costPicoUsd: 3_775_600_000n,
    });
    expect(openrouter).toMatchObject({
      costSource: 'provider',
      providerCostPicoUsd: 6_600_000n,
      costPicoUsd: 6_600_000n,
    });
  });

  it('forwards the request body and the client key unchanged', async () => {
    upstream.serve(loadFixture('anthropic/messages-basic.json'));
    const sent = { model: 'test-claude', max_tokens: 100, messages };
    await anthropic().messages.create(sent);
    const received = upstream.requests.at(-1)!;
    expect(received.url).toBe('/v1/messages');
    expect(JSON.parse(received.body)).toEqual(sent);
    // This SDK sends its key as a bearer token; either way it reaches the provider as sent.
    expect(received.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    expect(received.headers['anthropic-version']).toBeDefined();
    upstream.serve(loadFixture('openai/chat-basic.json'));
    await openai().chat.completions.create({ model: 'test-gpt', messages });
    const chatRequest = upstream.requests.at(-1)!;
    expect(chatRequest.url).toBe('/v1/chat/completions');
    expect(chatRequest.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    expect(JSON.parse(chatRequest.body)).toEqual({ model: 'test-gpt', messages });
  });

  it('lets the SDKs parse what they receive: streamed text and usage', async () => {
    upstream.serve(loadFixture('anthropic/messages-stream-basic.sse'), { kind: 'bytewise' });
    const stream = anthropic().messages.stream({ model: 'test-claude', max_tokens: 100, messages });
    const final = await stream.finalMessage();
    expect(final.usage.output_tokens).toBe(4);
    upstream.serve(loadFixture('openai/chat-stream-include-usage.sse'));
    const chunks = await openai().chat.completions.create({
      model: 'test-gpt',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let usageSeen = 0;
    for await (const chunk of chunks) usageSeen = chunk.usage?.prompt_tokens ?? usageSeen;
    expect(usageSeen).toBe(87);
  });
});
