import { describe, expect, it } from 'vitest';
import { overlayUsage } from '../../../src/core/usage/normalize';
import { cutAfterFrame, loadFixture, replayResponse } from '../../helpers/replay-server';
import { useReplayServer } from '../../helpers/replay-suite';
import {
  anthropicAt,
  expectExactMetering,
  type MeteringCase,
  meteredCall,
  usageOf,
  wholeAndBytewise,
} from './harness';

const u = usageOf;

type Case = MeteringCase;

// Costs: tokens x USD per 1M (models.pricing.ts) x 1e6 pico-USD per micro-USD.
const plain: Case[] = [
  // 22 x 3 + 15 x 15 = 291 micro-USD
  {
    file: 'anthropic/messages-basic.json',
    model: 'claude-sonnet-4-5-20250929',
    usage: u(22, 0, 0, 15),
    cost: 291_000_000n,
    replyStart: '# Who vs. Whom',
  },
  // 18 x 3 + 2055 x 3.75 (5-minute write) + 100 x 15 = 9260.25 micro-USD
  {
    file: 'anthropic/messages-cache-write-5m.json',
    model: 'claude-sonnet-4-20250514',
    usage: u(18, 0, 2055, 100),
    cost: 9_260_250_000n,
    replyStart: 'Here are the key',
  },
  // 11 x 3 + 2055 x 0.3 + 100 x 15 = 2149.5 micro-USD
  {
    file: 'anthropic/messages-cache-read.json',
    model: 'claude-sonnet-4-20250514',
    usage: u(11, 2055, 0, 100),
    cost: 2_149_500_000n,
    replyStart: 'A **system**',
  },
];

const streams: (Case & { readonly firstText: string })[] = [
  // message_delta's cumulative output (4) replaces message_start's (2): 10 x 1 + 4 x 5 = 30
  {
    file: 'anthropic/messages-stream-basic.sse',
    model: 'claude-haiku-4-5-20251001',
    usage: u(10, 0, 0, 4),
    cost: 30_000_000n,
    replyStart: 'Hello',
    firstText: 'text_delta',
  },
  // 18 x 3 + 1031 x 3.75 + 100 x 15 = 5420.25 micro-USD (delta carries only output_tokens)
  {
    file: 'anthropic/messages-stream-cache-write.sse',
    model: 'claude-sonnet-4-20250514',
    usage: u(18, 0, 1031, 100),
    cost: 5_420_250_000n,
    replyStart: 'Here are the key',
    firstText: 'text_delta',
  },
  // 11 x 3 + 1031 x 0.3 + 100 x 15 = 1842.3 micro-USD
  {
    file: 'anthropic/messages-stream-cache-read.sse',
    model: 'claude-sonnet-4-20250514',
    usage: u(11, 1031, 0, 100),
    cost: 1_842_300_000n,
    replyStart: 'A **system**',
    firstText: 'text_delta',
  },
  // 598 x 1 + 92 x 5 = 1058 micro-USD; 53 thinking tokens are part of the 92
  {
    file: 'anthropic/messages-stream-thinking.sse',
    model: 'claude-haiku-4-5-20251001',
    usage: u(598, 0, 0, 92, 53),
    cost: 1_058_000_000n,
    replyStart: '',
    firstText: 'thinking_delta',
  },
  // cut by max_tokens inside a tool_use block: 450 x 3 + 124 x 15 = 3210 micro-USD
  {
    file: 'anthropic/messages-stream-max-tokens-partial-tool.sse',
    model: 'claude-3-7-sonnet-20250219',
    usage: u(450, 0, 0, 124),
    cost: 3_210_000_000n,
    replyStart: "I'll create a comprehensive",
    firstText: 'text_delta',
  },
];

const server = useReplayServer();

describe('Anthropic adapter over the real SDK (replayed recordings)', () => {
  it.each(plain)('meters $file exactly (non-streamed)', async (c) => {
    server.serve(loadFixture(c.file));
    const { end } = await meteredCall(anthropicAt(server, { stream: false }), c.model);
    expectExactMetering(end, c);
    expect(server.requests.at(-1)!.url).toBe('/v1/messages');
  });

  it.each(
    wholeAndBytewise(streams),
  )('meters $file exactly when streamed ($mode)', async (c) => {
    server.serve(loadFixture(c.file), { kind: c.mode });
    const { end } = await meteredCall(anthropicAt(server), c.model);
    expectExactMetering(end, c);
  });

  it.each(streams)(
    'records $file cut mid-stream as aborted with message_start usage kept',
    async (c) => {
      const fixture = loadFixture(c.file);
      server.serve(fixture, { kind: 'truncated', cutAt: cutAfterFrame(fixture.body, c.firstText) });
      const { end } = await meteredCall(anthropicAt(server), c.model);
      expect(end.call.outcome).toBe('aborted');
      expect(end.call.estimated).toBe(true);
      expect(end.call.errorKind).toBe('network');
      // The prompt buckets are the provider's own figures from message_start, not estimates.
      expect(end.call.usage.inputTokens).toBe(c.usage.inputTokens);
      expect(end.call.usage.cacheReadTokens).toBe(c.usage.cacheReadTokens);
      expect(end.call.usage.cacheWrite5mTokens).toBe(c.usage.cacheWrite5mTokens);
      expect(end.call.usage.outputTokens).toBeGreaterThan(0);
    },
  );

  it('records an overloaded error mid-stream as aborted (spliced recording)', async () => {
    // As INDEX.md says: messages-stream-basic.sse cut after its content_block_delta, then the
    // in-band error frame of the vercel/ai test, with its event: line.
    const basic = loadFixture('anthropic/messages-stream-basic.sse');
    const head = basic.body.subarray(0, cutAfterFrame(basic.body, 'content_block_delta'));
    const transcribed = loadFixture(
      '_transcribed/anthropic-stream-overloaded-midstream.vercel-test.sse',
    );
    const text = transcribed.body.toString('utf8');
    const errorFrame = text.slice(text.indexOf('event: error'));
    for (const kind of ['whole', 'bytewise'] as const) {
      server.serve(
        replayResponse(Buffer.concat([head, Buffer.from(errorFrame)]), 200, basic.headers),
        { kind },
      );
      const { end } = await meteredCall(anthropicAt(server), 'claude-haiku-4-5-20251001');
      expect(end.call.outcome).toBe('aborted');
      expect(end.call.errorKind).toBe('overloaded');
      expect(end.reply).toBe('Hello');
      // message_start reported 10 in and 2 out; the estimate of "Hello" (1 token) is lower.
      expect(end.call.usage).toEqual(u(10, 0, 0, 2));
      expect(end.call.estimated).toBe(true);
      expect(end.error?.message).toBe(
        `The server at ${new URL(server.origin).host} is overloaded. Retry in a moment.`,
      );
    }
  });
});

describe('overlayUsage', () => {
  it('replaces cumulative fields, skips nulls and keeps the 5m/1h split from message_start', () => {
    const start = {
      input_tokens: 10,
      cache_creation_input_tokens: 100,
      cache_creation: { ephemeral_5m_input_tokens: 40, ephemeral_1h_input_tokens: 60 },
      output_tokens: 1,
    };
    const delta = { input_tokens: null, cache_creation_input_tokens: 100, output_tokens: 57 };
    expect(overlayUsage(start, delta)).toEqual({
      input_tokens: 10,
      cache_creation_input_tokens: 100,
      cache_creation: { ephemeral_5m_input_tokens: 40, ephemeral_1h_input_tokens: 60 },
      output_tokens: 57,
    });
  });
});
