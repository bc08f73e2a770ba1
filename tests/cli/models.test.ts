import { describe, expect, it } from 'vitest';
import { runModels } from '../../src/cli/models';
import { PricingError } from '../../src/core/errors';
import { captureIo, runBuiltCli, tempDir, writeJson } from './cost-io';

describe('chatmeter models', () => {
  it('lists models by provider with price date, source, prices per 1M, context and tier', async () => {
    const io = captureIo();
    expect(await runModels({}, io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toBe('Prices in USD per 1M tokens; "-": billed as uncached input.');
    expect(lines[2]?.split(/\s{2,}/)).toEqual([
      'model',
      'input',
      'output',
      'cached',
      'write 5m',
      'write 1h',
      'context',
      'long context in/out',
    ]);
    // Each provider's heading says where most of its prices come from (the bundled genai-prices
    // data here); a price from elsewhere is named under its group.
    expect(lines).toContain('anthropic  bundled 2026-08-21  https://www.anthropic.com/pricing#api');
    expect(lines).toContain(
      '    gpt-4o-2024-05-13: curated 2025-11-15  https://platform.openai.com/docs/pricing',
    );
    // claude-opus-4-7 at $5 / $25, cache read $0.50, writes $6.25 (5m) and $10 (1h), 1M context.
    const opus = lines.find((line) => line.startsWith('  claude-opus-4-7 '));
    expect(opus?.trim().split(/\s{2,}/)).toEqual([
      'claude-opus-4-7',
      '5.00',
      '25.00',
      '0.50',
      '6.25',
      '10.00',
      '1M',
      '-',
    ]);
    // gpt-5.4 with its long-context tier above 272K: $5 / $22.50.
    const gpt54 = lines.find((line) => line.startsWith('  gpt-5.4 '));
    expect(gpt54?.trim().split(/\s{2,}/).at(-1)).toBe('>272K: 5.00/22.50');
    const dated = lines.find((line) => line.startsWith('  gpt-4o-2024-05-13 '));
    expect(dated?.trim().split(/\s{2,}/)).toEqual([
      'gpt-4o-2024-05-13',
      '5.00',
      '15.00',
      '-',
      '-',
      '-',
      '128K',
      '-',
    ]);
    expect(io.out()).toContain('add it with --pricing FILE');
    expect(lines.filter((line) => line.length > 100)).toEqual([]);
  });

  it('lists a model overridden by a pricing file with its own origin', async () => {
    const dir = tempDir();
    const pricing = writeJson(dir, 'prices.json', {
      models: { 'gpt-5': { provider: 'openai', input: 1, output: 8 } },
    });
    const io = captureIo({ home: dir });
    await runModels({ pricing }, io);
    const lines = io.out().split('\n');
    expect(
      lines
        .find((line) => line.startsWith('  gpt-5 '))
        ?.trim()
        .split(/\s{2,}/),
    ).toEqual(['gpt-5', '1.00', '8.00', '-', '-', '-', '400K', '-']);
    expect(lines).toContain(`    gpt-5: yours  ${pricing}`);
  });

  it('prints JSON with exact decimal strings, including a pricing file entry', async () => {
    const dir = tempDir();
    const pricing = writeJson(dir, 'prices.json', {
      models: {
        'my-model': { provider: 'local', input: 0.075, output: '0.3', contextWindow: 8192 },
      },
    });
    const io = captureIo({ home: dir });
    await runModels({ json: true, pricing }, io);
    const report = JSON.parse(io.out());
    expect(report.unit).toBe('USD per 1M tokens');
    expect(report.models.find((m: { model: string }) => m.model === 'my-model')).toEqual({
      provider: 'local',
      model: 'my-model',
      input: '0.075',
      output: '0.3',
      cacheRead: '0.075',
      cacheWrite5m: '0.075',
      cacheWrite1h: '0.075',
      aliases: [],
      contextWindow: 8192,
      tiers: [],
      priceDate: null,
      source: pricing,
      origin: 'user',
    });
    const pro = report.models.find((m: { model: string }) => m.model === 'gemini-2.5-pro');
    expect(pro.tiers).toEqual([
      {
        above: 200000,
        input: '2.5',
        output: '15',
        cacheRead: '0.25',
        cacheWrite5m: '2.5',
        cacheWrite1h: '2.5',
      },
    ]);
  });

  it('merges the config key "pricing" under CHATMETER_HOME', async () => {
    const home = tempDir();
    writeJson(home, 'config.json', {
      pricing: { models: { 'cfg-model': { provider: 'openai', input: 1, output: 2 } } },
    });
    const io = captureIo({ home });
    await runModels({ json: true }, io);
    const models = JSON.parse(io.out()).models.map((m: { model: string }) => m.model);
    expect(models).toContain('cfg-model');
  });

  it('refuses a bad pricing file with a PricingError', async () => {
    const pricing = writeJson(tempDir(), 'prices.json', {
      models: { m: { provider: 'openai', input: true, output: 1 } },
    });
    await expect(runModels({ pricing }, captureIo())).rejects.toThrow(PricingError);
  });

  it('runs from the built CLI without loading the chat', () => {
    const result = runBuiltCli(['models', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).models.length).toBeGreaterThanOrEqual(25);
    // The bundled data is from 2026-08-21: past 60 days old, the one warning says how to refresh.
    const warnings = result.stderr.split('\n').filter(Boolean);
    expect(warnings.every((line) => line.includes('run chatmeter models update'))).toBe(true);
  });
});
