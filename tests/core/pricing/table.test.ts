import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PricingError } from '../../../src/core/errors';
import {
  builtinPriceTable,
  contextWindowOf,
  loadPriceTable,
} from '../../../src/core/pricing/table';

const dir = mkdtempSync(join(tmpdir(), 'chatmeter-pricing-'));
let fileCount = 0;

/** Writes `content` to a fresh temporary file and returns its path. */
function pricingFile(content: string): string {
  fileCount += 1;
  const path = join(dir, `prices-${fileCount}.json`);
  writeFileSync(path, content);
  return path;
}

describe('model id resolution', () => {
  const table = builtinPriceTable();

  it.each([
    ['gpt-5', 'gpt-5'],
    ['GPT-5', 'gpt-5'],
    ['gpt-5-2025-08-07', 'gpt-5'],
    ['openai/gpt-5-mini', 'gpt-5-mini'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-2024-05-13', 'gpt-4o-2024-05-13'],
    ['openai/gpt-4o-2024-05-13', 'gpt-4o-2024-05-13'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    ['claude-3-5-haiku-latest', 'claude-3-5-haiku-latest'],
    ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest'],
    ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet-latest'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4-0'],
    ['claude-opus-4-20250514', 'claude-opus-4-0'],
    ['google/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['x-ai/grok-4', 'grok-4-0709'],
    ['grok-4', 'grok-4-0709'],
    ['gpt-5.2-2025-12-11', 'gpt-5.2'],
    ['claude-opus-4-7', 'claude-opus-4-7'],
    ['claude-sonnet-5', 'claude-sonnet-5'],
    ['gemini-3.1-pro-preview', 'gemini-3.1-pro-preview'],
    ['grok-4.3', 'grok-4.3'],
    ['deepseek-v4-pro', 'deepseek-v4-pro'],
    ['mistral-large-latest', 'mistral-large'],
    ['deepseek/deepseek-chat', 'deepseek-chat'],
  ])('resolves %s to %s', (id, expected) => {
    expect(table.resolve(id)?.id).toBe(expected);
  });

  it('keeps the dated gpt-4o-2024-05-13 at its own $5 / $15', () => {
    const dated = table.resolve('gpt-4o-2024-05-13')!;
    expect(dated.rates.input).toBe(5_000_000n);
    expect(dated.rates.output).toBe(15_000_000n);
    expect(table.resolve('gpt-4o')!.rates.input).toBe(2_500_000n);
  });

  it.each(['mock', 'llama3.1:8b', 'gpt-6', ''])('does not price unknown model %j', (id) => {
    expect(table.resolve(id)).toBeUndefined();
  });

  it('gives the context window of a known model and null otherwise', () => {
    expect(contextWindowOf(table, 'gpt-5-2025-08-07')).toBe(400_000);
    expect(contextWindowOf(table, 'nope')).toBeNull();
  });
});

describe('pricing files and overrides', () => {
  it('adds a model; a missing cache rate means the input rate; tiers list only what changes', async () => {
    const table = await loadPriceTable({
      pricingFile: pricingFile(
        JSON.stringify({
          models: {
            'my-model': {
              provider: 'openai',
              input: 1.25,
              output: 10,
              contextWindow: 272000,
              tiers: [{ above: 200000, input: 2.5 }],
            },
          },
        }),
      ),
    });
    const price = table.resolve('my-model')!;
    expect(price.rates).toEqual({
      input: 1_250_000n,
      output: 10_000_000n,
      cacheRead: 1_250_000n,
      cacheWrite5m: 1_250_000n,
      cacheWrite1h: 1_250_000n,
      inputAudio: 1_250_000n,
      outputAudio: 10_000_000n,
    });
    expect(price.tiers[0]!.rates).toEqual({
      input: 2_500_000n,
      output: 10_000_000n,
      cacheRead: 2_500_000n,
      cacheWrite5m: 2_500_000n,
      cacheWrite1h: 2_500_000n,
      inputAudio: 2_500_000n,
      outputAudio: 10_000_000n,
    });
    expect(price.contextWindowTokens).toBe(272_000);
    expect(price.source).toContain('prices-');
  });

  it('takes audio rates from a pricing file (missing: the text rates)', async () => {
    const table = await loadPriceTable({
      overrides: {
        models: { 'voice-x': { provider: 'openai', input: 1, output: 2, inputAudio: 10, outputAudio: '20' } },
      },
    });
    const rates = table.resolve('voice-x')!.rates;
    expect([rates.inputAudio, rates.outputAudio]).toEqual([10_000_000n, 20_000_000n]);
  });

  it('sorts tiers and keeps the base cache rates a tier does not change', async () => {
    const table = await loadPriceTable({
      overrides: {
        models: {
          m: {
            provider: 'x',
            input: 1,
            output: 2,
            cacheRead: 0.1,
            tiers: [
              { above: 500, output: 9 },
              { above: 100, input: 3 },
            ],
          },
        },
      },
    });
    const tiers = table.resolve('m')!.tiers;
    expect(tiers.map((t) => t.aboveTokens)).toEqual([100, 500]);
    expect(tiers[0]!.rates.cacheRead).toBe(100_000n);
    expect(tiers[1]!.rates.output).toBe(9_000_000n);
  });

  it('lets a pricing file win over the config, and both over the built-ins, keeping aliases', async () => {
    const table = await loadPriceTable({
      overrides: {
        models: { 'claude-sonnet-4-5': { provider: 'anthropic', input: 2, output: 4 } },
      },
      pricingFile: pricingFile(
        '{"models":{"gpt-5":{"provider":"openai","input":"0.5","output":1}}}',
      ),
    });
    expect(table.resolve('claude-sonnet-4-5-20250929')!.rates.input).toBe(2_000_000n);
    expect(table.resolve('gpt-5')!.rates.input).toBe(500_000n);
    expect(table.list().filter((m) => m.id === 'gpt-5')).toHaveLength(1);
  });

  it.each([
    ['{"models": {', 'not valid JSON'],
    ['[]', 'expected a JSON object like {"models"'],
    ['{}', 'models is required'],
    [
      '{"models": {"m": {"provider": "openai", "input": "cheap", "output": 1}}}',
      'models.m.input must be a price in USD per 1M tokens',
    ],
    [
      '{"models": {"m": {"provider": "openai", "input": -1, "output": 1}}}',
      'models.m.input must be a price',
    ],
    ['{"models": {"m": {"provider": "openai", "input": 1}}}', 'models.m.output is required'],
    ['{"models": {"m": {"input": 1, "output": 1}}}', 'models.m.provider'],
    [
      '{"models": {"m": {"provider": "openai", "input": 1, "output": 1, "cachedRead": 1}}}',
      'models.m.cachedRead is not a known key',
    ],
    [
      '{"models": {"m": {"provider": "openai", "input": 1, "output": 1, "tiers": [{"above": 0}]}}}',
      'models.m.tiers[0].above must be a positive integer',
    ],
    [
      '{"models": {"m": {"provider": "openai", "input": 1, "output": 1, "tiers": [{"above": 1.5}]}}}',
      'models.m.tiers[0].above must be a positive integer',
    ],
    [
      '{"models": {"m": {"provider": "openai", "input": 1, "output": 1, "contextWindow": "big"}}}',
      'models.m.contextWindow must be a positive integer',
    ],
    [
      '{"models": {"m": {"provider": "openai", "input": 0.0000001, "output": 1}}}',
      'at most 6 decimals',
    ],
  ])('rejects %s with one line naming the file and the key path', async (content, message) => {
    const file = pricingFile(content);
    let error: unknown;
    try {
      await loadPriceTable({ pricingFile: file });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PricingError);
    const pricingError = error as PricingError;
    expect(pricingError.message).toContain(`${file}: `);
    expect(pricingError.message).toContain(message);
    expect(pricingError.message).not.toContain('\n');
    expect(pricingError.exitCode).toBe(2);
  });

  it('names a missing pricing file', async () => {
    await expect(loadPriceTable({ pricingFile: join(dir, 'absent.json') })).rejects.toThrow(
      /absent\.json: cannot read the pricing file \(no such file\)/,
    );
  });

  it('names the config key when the overrides object is bad', async () => {
    await expect(
      loadPriceTable({ overrides: { models: { m: { provider: 'openai', input: 1 } } } }),
    ).rejects.toThrow('config key "pricing": models.m.output is required');
  });
});
