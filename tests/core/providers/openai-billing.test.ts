import { createPriceTable } from '../../../src/core/pricing/table';
import { describe, expect, it } from 'vitest';
import { ChatSession } from '../../../src/core/chat/session';
import type { PriceTable } from '../../../src/core/pricing/types';
import type { ChatProvider } from '../../../src/core/providers/types';
import { loadFixture } from '../../helpers/replay-server';
import { useReplayServer } from '../../helpers/replay-suite';
import { collect, endOf } from '../chat/helpers';
import { openAiAt, usageOf, wholeAndBytewise } from './harness';

/** A price table that knows no model: every list price is missing. */
const noPrices: PriceTable = createPriceTable(new Map());

async function call(provider: ChatProvider, model: string, serviceTier?: string) {
  const session = new ChatSession({
    sessionId: 'billing-session',
    provider,
    providerFactory: () => provider,
    model,
    priceTable: noPrices,
    sinks: [],
    mode: 'real',
    ...(serviceTier ? { serviceTier } : {}),
  });
  return endOf(await collect(session.send('hi', new AbortController().signal)));
}

describe('costs and tiers the provider reports, through the real openai SDK', () => {
  const server = useReplayServer();

  it.each(wholeAndBytewise([{ file: '_handmade/openrouter-chat-stream-cost.sse' }]))(
    "takes OpenRouter's usage.cost from the last stream chunk (sent $mode)",
    async ({ mode }) => {
      server.serve(loadFixture('_handmade/openrouter-chat-stream-cost.sse'), { kind: mode });
      const end = await call(openAiAt(server), 'openai/gpt-4o-mini');
      expect(end.reply).toBe('Hello there!');
      expect(end.call.usage).toEqual(usageOf(12, 0, 0, 8));
      // usage.cost 0.0000066 USD = 6,600,000 pico-USD, read from its decimal text.
      expect(end.call).toMatchObject({
        costPicoUsd: 6_600_000n,
        costSource: 'provider',
        providerCostPicoUsd: 6_600_000n,
        listCostPicoUsd: null,
      });
    },
  );

  it("takes xAI's cost_in_usd_ticks from a plain response", async () => {
    server.serve(loadFixture('_handmade/xai-chat-cost-ticks.json'));
    const end = await call(openAiAt(server, { stream: false }), 'grok-4-fast-non-reasoning');
    expect(end.call.usage).toEqual(usageOf(19, 162, 0, 27));
    // 37,756,000 ticks / 10^10 = $0.0037756 = 3,775,600,000 pico-USD (docs.x.ai cost tracking).
    expect(end.call).toMatchObject({ costPicoUsd: 3_775_600_000n, costSource: 'provider' });
  });

  it.each([
    ['chat', false, 'openai/chat-basic.json'],
    ['chat', true, 'openai/chat-stream-include-usage.sse'],
    ['responses', false, 'openai/responses-basic.json'],
    ['responses', true, 'openai/responses-stream-basic.sse'],
  ] as const)('sends --service-tier and records the tier the response names (%s, stream %s)', async (api, stream, file) => {
    server.serve(loadFixture(file));
    const end = await call(openAiAt(server, { api, stream }), 'gpt-4o-mini', 'flex');
    const sent = JSON.parse(server.requests.at(-1)!.body) as Record<string, unknown>;
    expect(sent.service_tier).toBe('flex');
    // The recordings were served on the default tier, and say so.
    expect(end.call.serviceTier).toBe('default');
  });

  it('sends no service_tier unless asked', async () => {
    server.serve(loadFixture('openai/chat-basic.json'));
    await call(openAiAt(server, { stream: false }), 'gpt-4o-mini');
    const sent = JSON.parse(server.requests.at(-1)!.body) as Record<string, unknown>;
    expect('service_tier' in sent).toBe(false);
  });
});
