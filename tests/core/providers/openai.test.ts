import { describe, expect, it } from 'vitest';
import { cutAfterFrame, loadFixture, replayResponse } from '../../helpers/replay-server';
import { useReplayServer } from '../../helpers/replay-suite';
import {
  expectExactMetering,
  FAKE_KEY,
  type MeteringCase,
  meteredCall,
  openAiAt,
  usageOf,
  wholeAndBytewise,
} from './harness';

const u = usageOf;

interface Case extends MeteringCase {
  readonly api: 'chat' | 'responses';
}

// Costs: tokens x USD per 1M (models.pricing.ts) x 1e6 pico-USD per micro-USD.
const plain: Case[] = [
  // 146 x 0.15 + 3 x 0.60 = 23.7 micro-USD
  {
    file: 'openai/chat-basic.json',
    api: 'chat',
    model: 'gpt-4o-mini',
    usage: u(146, 0, 0, 3, 0),
    cost: 23_700_000n,
    replyStart: 'YES',
  },
  // 68 x 2.5 + 1152 x 1.25 + 100 x 10 = 2610 micro-USD (prompt 1220 includes the 1152 cached)
  {
    file: 'openai/chat-cached-tokens.json',
    api: 'chat',
    model: 'gpt-4o',
    usage: u(68, 1152, 0, 100, 0),
    cost: 2_610_000_000n,
    replyStart: 'Structuring a database',
  },
  // 11 x 0.05 + 228 x 0.4 = 91.75 micro-USD; reasoning is inside the 228
  {
    file: 'openai/chat-reasoning.json',
    api: 'chat',
    model: 'gpt-5-nano',
    usage: u(11, 0, 0, 228, 192),
    cost: 91_750_000n,
    replyStart: '3\n\nThere are three',
  },
  // gpt-5.6-sol at $5 input, $6.25 cache write (1.25x input), $30 output (genai-prices data,
  // after developers.openai.com/api/docs/models/gpt-5.6-sol); cache_write comes out of the
  // prompt: 3 x 5 + 1217 x 6.25 + 100 x 30 = 10,621.25 micro-USD
  {
    file: 'openai/chat-reasoning-cache-write.json',
    api: 'chat',
    model: 'gpt-5.6-sol',
    usage: u(3, 0, 1217, 100, 100),
    cost: 10_621_250_000n,
    replyStart: '',
  },
  // gpt-5.5 at $5 input / $30 output (OpenAI pricing page): 11 x 5 + 5 x 30 = 205 micro-USD
  {
    file: 'openai/responses-basic.json',
    api: 'responses',
    model: 'gpt-5.5',
    usage: u(11, 0, 0, 5, 0),
    cost: 205_000_000n,
    replyStart: 'pong',
  },
  // 54 x 0.25 + 164 x 2 = 341.5 micro-USD
  {
    file: 'openai/responses-reasoning.json',
    api: 'responses',
    model: 'gpt-5-mini',
    usage: u(54, 0, 0, 164, 128),
    cost: 341_500_000n,
    replyStart: '',
  },
  // 125 x 2.5 + 1390 x 1.25 + 8 x 10 = 2130 micro-USD
  {
    file: 'openai/responses-cached.json',
    api: 'responses',
    model: 'gpt-4o',
    usage: u(125, 1390, 0, 8, 0),
    cost: 2_130_000_000n,
    replyStart: '',
  },
];

const streams: (Case & { readonly firstText: string })[] = [
  // 87 x 0.15 + 26 x 0.6 = 28.65 micro-USD
  {
    file: 'openai/chat-stream-include-usage.sse',
    api: 'chat',
    model: 'gpt-4o-mini',
    usage: u(87, 0, 0, 26, 0),
    cost: 28_650_000n,
    replyStart: 'The result of',
    firstText: '"content":"The',
  },
  // 16 x 0.1 + 300 x 0.4 = 121.6 micro-USD
  {
    file: 'openai/chat-stream-2026-obfuscation.sse',
    api: 'chat',
    model: 'gpt-4.1-nano',
    usage: u(16, 0, 0, 300, 0),
    cost: 121_600_000n,
    replyStart: '**Holiday Name:**',
    firstText: '"content":"**"',
  },
  {
    file: 'openai/responses-stream-basic.sse',
    api: 'responses',
    model: 'gpt-5.5',
    usage: u(11, 0, 0, 5, 0),
    cost: 205_000_000n,
    replyStart: 'pong',
    firstText: 'response.output_text.delta',
  },
  {
    file: 'openai/responses-stream-cached.sse',
    api: 'responses',
    model: 'gpt-4o',
    usage: u(125, 1390, 0, 8, 0),
    cost: 2_130_000_000n,
    replyStart: '2, 3, 4',
    firstText: 'response.output_text.delta',
  },
  // response.incomplete (max_output_tokens) still carries usage: here all zero, so cost 0
  {
    file: 'openai/responses-stream-incomplete.sse',
    api: 'responses',
    model: 'gpt-4o',
    usage: u(0, 0, 0, 0, 0),
    cost: 0n,
    replyStart: 'In the bustling city',
    firstText: 'response.output_text.delta',
  },
];

const server = useReplayServer();

describe('OpenAI adapter over the real SDK (replayed recordings)', () => {
  it.each(plain)('meters $file exactly (non-streamed)', async (c) => {
    server.serve(loadFixture(c.file));
    const { end } = await meteredCall(openAiAt(server, { api: c.api, stream: false }), c.model);
    expectExactMetering(end, c);
    const sent = JSON.parse(server.requests.at(-1)!.body) as Record<string, unknown>;
    expect(sent.model).toBe(c.model);
    expect(sent.stream).toBeUndefined();
  });

  it.each(
    wholeAndBytewise(streams),
  )('meters $file exactly when streamed ($mode)', async (c) => {
    server.serve(loadFixture(c.file), { kind: c.mode });
    const { end, events } = await meteredCall(openAiAt(server, { api: c.api }), c.model);
    expectExactMetering(end, c);
    const streamed = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    expect(streamed).toBe(end.reply);
    const sent = JSON.parse(server.requests.at(-1)!.body) as Record<string, unknown>;
    expect(sent.stream).toBe(true);
    if (c.api === 'chat') expect(sent.stream_options).toEqual({ include_usage: true });
  });

  it.each(streams)('records $file cut after its first text as aborted and estimated', async (c) => {
    const fixture = loadFixture(c.file);
    server.serve(fixture, { kind: 'truncated', cutAt: cutAfterFrame(fixture.body, c.firstText) });
    const { end } = await meteredCall(openAiAt(server, { api: c.api }), c.model);
    expect(end.call.outcome).toBe('aborted');
    expect(end.call.estimated).toBe(true);
    expect(end.call.errorKind).toBe('network');
    expect(end.reply.length).toBeGreaterThan(0);
    expect(end.call.usage.outputTokens).toBeGreaterThan(0);
    expect(end.call.usage.inputTokens).toBeGreaterThan(0);
    expect(end.error?.message).toBe(
      `The connection to the server at ${new URL(server.origin).host} broke off mid-reply: the stream ended before the reply was complete. What arrived is kept and metered (~); send again to retry.`,
    );
  });

  it('sends the key only in the authorization header', async () => {
    server.serve(loadFixture('openai/chat-basic.json'));
    await meteredCall(openAiAt(server, { stream: false }), 'gpt-4o-mini');
    const request = server.requests.at(-1)!;
    expect(request.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.body).not.toContain(FAKE_KEY);
  });

  it('meters an OpenAI-compatible server that reports reasoning outside completion_tokens', async () => {
    // Hand-made body in the shape xAI sends (no recording available): 10 + 5 + 20 == 35 total.
    const body = {
      id: 'x',
      object: 'chat.completion',
      created: 0,
      model: 'grok-4',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 35,
        completion_tokens_details: { reasoning_tokens: 20 },
      },
    };
    server.serve(replayResponse(JSON.stringify(body), 200, { 'content-type': 'application/json' }));
    const { end } = await meteredCall(openAiAt(server, { stream: false }), 'grok-4-local');
    expect(end.call.usage).toEqual(u(10, 0, 0, 25, 20));
    expect(end.call.costPicoUsd).toBeNull();
  });
  it.each([
    ['llama3.1:8b', { max_tokens: 50 }],
    ['gpt-4o-mini', { max_tokens: 50 }],
    ['gpt-5-mini', { max_completion_tokens: 50 }],
    ['o3-mini', { max_completion_tokens: 50 }],
  ])('limits %s on a base URL with %o', async (model, limit) => {
    server.serve(loadFixture('openai/chat-basic.json'));
    const provider = openAiAt(server, { stream: false });
    const request = { model, messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 50 };
    for await (const _event of provider.stream(request, new AbortController().signal)) {
      // drain the call
    }
    const body = JSON.parse(server.requests.at(-1)!.body);
    expect(body).toMatchObject(limit);
    expect(Object.keys(body).filter((key) => key.startsWith('max_'))).toEqual(Object.keys(limit));
  });
});
