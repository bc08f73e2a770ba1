import { describe, expect, it } from 'vitest';
import { runModels } from '../../src/cli/models';
import { PricingError } from '../../src/core/errors';
import { captureIo, runBuiltCli, tempDir, writeJson } from './cost-io';

describe('chatmeter models', () => {
  it('lists models with prices per 1M, context window, long-context tier and price date', async () => {
    const io = captureIo();
    expect(await runModels({}, io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toMatch(
      /^provider\s+model\s+input\s+output\s+cache read\s+cache write 5m \/ 1h\s+context\s+long context \(in \/ out\)\s+price date$/,
    );
    const sonnet = lines.find((line) => / claude-sonnet-4-5 /.test(line));
    expect(sonnet?.split(/\s{2,}/)).toEqual([
      'anthropic',
      'claude-sonnet-4-5',
      '$3.00',
      '$15.00',
      '$0.30',
      '$3.75 / $6.00',
      '200K',
      '>200K: $6.00 / $22.50',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
    const dated = lines.find((line) => / gpt-4o-2024-05-13 /.test(line));
    expect(dated?.split(/\s{2,}/).slice(0, 6)).toEqual([
      'openai',
      'gpt-4o-2024-05-13',
      '$5.00',
      '$15.00',
      '-',
      '-',
    ]);
    expect(io.out()).toContain('add prices with --pricing FILE');
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
    expect(result.stderr).toBe('');
  });
});
