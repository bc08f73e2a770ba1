import { describe, expect, it } from 'vitest';
import { runCost } from '../../src/cli/cost';
import { UsageError } from '../../src/core/errors';
import { captureIo, tempDir, writeJson } from './cost-io';

/** A pricing file with one model at `input` / `output` USD per 1M tokens. */
function pricingFile(model: string, input: number, output: number) {
  const dir = tempDir();
  const file = writeJson(dir, 'pricing.json', {
    models: { [model]: { provider: 'openai', input, output } },
  });
  return { dir, file };
}

describe('chatmeter cost with the cost the provider reports', () => {
  it("uses OpenRouter's usage.cost and keeps the list price beside it", async () => {
    // 1000 x $0.15 + 200 x $0.60 per 1M = $0.00027 list; the usage reports $0.0003.
    const { dir, file } = pricingFile('openai/gpt-4o-mini', 0.15, 0.6);
    const io = captureIo({ home: dir });
    const usage = { prompt_tokens: 1000, completion_tokens: 200, cost: 0.0003 };
    await runCost({ model: 'openai/gpt-4o-mini', usage: JSON.stringify(usage), pricing: file, json: true }, io);
    expect(JSON.parse(io.out())).toMatchObject({
      priced: true,
      costUsd: '0.0003',
      costSource: 'provider',
      listCostUsd: '0.00027',
      providerCostUsd: '0.0003',
    });
  });

  it('notes a provider charge more than 1% from the list price in the table', async () => {
    const { dir, file } = pricingFile('openai/gpt-4o-mini', 0.15, 0.6);
    const io = captureIo({ home: dir });
    const usage = { prompt_tokens: 1000, completion_tokens: 200, cost: 0.0003 };
    await runCost({ model: 'openai/gpt-4o-mini', usage: JSON.stringify(usage), pricing: file }, io);
    // (0.0003 - 0.00027) / 0.00027 = +11.1%
    expect(io.out()).toContain(
      'charged $0.0003 as reported by the provider (usage.cost); list price $0.00027; +11.1% against the list price',
    );
  });

  it("prices an unknown model from xAI's cost_in_usd_ticks, with no hint to add a price", async () => {
    const io = captureIo();
    const usage = { prompt_tokens: 181, completion_tokens: 27, cost_in_usd_ticks: 37756000 };
    await runCost({ model: 'grok-unlisted-test', usage: JSON.stringify(usage), json: true }, io);
    expect(JSON.parse(io.out())).toMatchObject({
      priced: true,
      costUsd: '0.0037756',
      costSource: 'provider',
      listCostUsd: null,
      providerCostUsd: '0.0037756',
      breakdownUsd: null,
    });
    expect(io.err()).toBe('');
    const text = captureIo();
    await runCost({ model: 'grok-unlisted-test', usage: JSON.stringify(usage) }, text);
    const lines = text.out().split('\n');
    expect(lines[0]).toBe('model  grok-unlisted-test  no list price');
    expect(lines).toContain(
      'charged $0.0037756 as reported by the provider (usage.cost_in_usd_ticks); no list price for this model',
    );
  });
});

describe('chatmeter cost with audio and Gemini usage', () => {
  it('shows the audio parts under input and output', async () => {
    const { dir, file } = pricingFile('audio-test', 4, 16);
    const io = captureIo({ home: dir });
    const usage = {
      prompt_tokens: 1000,
      completion_tokens: 500,
      prompt_tokens_details: { cached_tokens: 300, audio_tokens: 800, cached_tokens_details: { audio_tokens: 200 } },
      completion_tokens_details: { audio_tokens: 400 },
    };
    await runCost({ model: 'audio-test', usage: JSON.stringify(usage), pricing: file }, io);
    const lines = io.out().split('\n');
    expect(lines.find((l) => l.startsWith('input '))).toMatch(/^input\s+700\s+\$4\.00/);
    expect(lines.find((l) => l.startsWith('output '))).toMatch(/^output\s+500\s+\$16\.00/);
    expect(lines.filter((l) => l.startsWith('  of which audio'))).toEqual([
      expect.stringMatching(/^ {2}of which audio\s+600\s+\$4\.00\s*$/),
      expect.stringMatching(/^ {2}of which audio\s+400\s+\$16\.00\s*$/),
    ]);
  });

  it('reports the audio parts in --json usage', async () => {
    const io = captureIo();
    const usage = { prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { audio_tokens: 4 } };
    await runCost({ model: 'gpt-4o-mini', usage: JSON.stringify(usage), json: true }, io);
    expect(JSON.parse(io.out()).usage).toMatchObject({ inputTokens: 10, inputAudioTokens: 4 });
  });

  it('reads a whole Gemini response body (genai-prices test_google usage, doubled)', async () => {
    // pydantic/genai-prices tests/test_extract_usage.py::test_accumulate_extracted_usage prices
    // twice test_google's usage (input 200, output 324) on gemini-2.5-flash ($0.30 / $2.50 per
    // 1M) at input_price 0.00006, output_price 0.00081, total_price 0.00087.
    const { dir, file } = pricingFile('gemini-2.5-flash', 0.3, 2.5);
    const io = captureIo({ home: dir });
    const body = {
      usageMetadata: {
        promptTokenCount: 150,
        candidatesTokenCount: 36,
        toolUsePromptTokenCount: 50,
        thoughtsTokenCount: 288,
      },
      modelVersion: 'gemini-2.5-flash',
    };
    await runCost({ model: 'gemini-2.5-flash', usage: JSON.stringify(body), pricing: file, json: true }, io);
    expect(JSON.parse(io.out())).toMatchObject({
      costUsd: '0.00087',
      usage: { inputTokens: 200, outputTokens: 324, reasoningTokens: 288 },
      breakdownUsd: { input: '0.00006', output: '0.00081' },
    });
  });
});

describe('chatmeter cost --service-tier and --at', () => {
  it("takes the tier from --service-tier, else from a whole body's service_tier", async () => {
    const { dir, file } = pricingFile('tier-test', 1, 2);
    const flagged = captureIo({ home: dir });
    const usage = JSON.stringify({ prompt_tokens: 10, completion_tokens: 5 });
    await runCost({ model: 'tier-test', usage, pricing: file, json: true, serviceTier: 'default' }, flagged);
    expect(JSON.parse(flagged.out())).toMatchObject({ serviceTier: 'default', costUsd: '0.00002' });

    const fromBody = captureIo({ home: dir });
    const body = JSON.stringify({ service_tier: 'flex', usage: JSON.parse(usage) });
    await runCost({ model: 'tier-test', usage: body, pricing: file, json: true }, fromBody);
    // No flex price for this model: unpriced, never the standard rate by guess.
    expect(JSON.parse(fromBody.out())).toMatchObject({ serviceTier: 'flex', priced: false, costUsd: null });
    expect(fromBody.err()).toBe('chatmeter: no flex service-tier price for model "tier-test"; its cost is unpriced\n');
  });

  it('says which date it priced at', async () => {
    const io = captureIo();
    const usage = JSON.stringify({ prompt_tokens: 10, completion_tokens: 5 });
    await runCost({ model: 'gpt-4o-mini', usage, json: true, at: '2026-03-01' }, io);
    expect(JSON.parse(io.out()).at).toBe('2026-03-01');
    const text = captureIo();
    await runCost({ model: 'gpt-4o-mini', usage, at: '2026-03-01' }, text);
    expect(text.out().split('\n')[1]).toBe('prices in force on 2026-03-01');
  });

  it.each(['yesterday', '2026-02-30', '2026-3-1', '2026-03-01T10:00'])('refuses --at %s', async (at) => {
    const usage = JSON.stringify({ prompt_tokens: 10, completion_tokens: 5 });
    await expect(runCost({ model: 'gpt-4o-mini', usage, at }, captureIo())).rejects.toThrow(
      new UsageError(
        `--at must be a date such as 2026-03-13 or a time such as 2026-03-13T09:30:00Z (got "${at}")`,
      ),
    );
  });
});
