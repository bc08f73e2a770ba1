import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/core/config/load';
import { setSetting, unsetSetting } from '../../../src/core/config/store';
import { ConfigError } from '../../../src/core/errors';

let home: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'chatmeter-store-'));
  env = { CHATMETER_HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function fileJson(): unknown {
  return JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'));
}

describe('setSetting', () => {
  it.each([
    ['budget.dailyUsd', '5', 5],
    ['budget.sessionUsd', '0.25', 0.25],
    ['budget.sessionUsd', '0', 0],
    ['budget.onExceed', 'block', 'block'],
    ['ledger', 'false', false],
    ['maxTokens', '1024', 1024],
    ['defaultModel', 'gpt-4o-mini', 'gpt-4o-mini'],
    ['baseUrl.openai', 'http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1'],
    ['system', 'Answer in French.', 'Answer in French.'],
  ])('stores %s = %s', async (key, raw, expected) => {
    const result = await setSetting(env, key, raw);
    expect(result.value).toEqual(expected);
    const [group, leaf] = key.split('.');
    const stored = fileJson() as Record<string, Record<string, unknown>>;
    expect(leaf === undefined ? stored[group!] : stored[group!]![leaf]).toEqual(expected);
  });

  it('stores an object given as JSON', async () => {
    const pricing = { models: { 'my-model': { provider: 'openai', input: 1, output: 2 } } };
    await setSetting(env, 'pricing', JSON.stringify(pricing));
    expect((await loadSettings(env)).settings.pricing).toEqual(pricing);
  });

  it.each([
    ['budget.dailyUsd', '-5', /cannot be negative/],
    ['budget.dailyUsd', 'five', /expected a number/],
    ['budget.dailyUsd', '0.0000000000001', /at most 12 decimals/],
    ['budget.warnAt', '1.5', /fraction/],
    ['budget.warnAt', '0', /fraction/],
    ['budget.onExceed', 'explode', /"warn" or "block"/],
    ['ledger', 'yes', /true or false/],
    ['maxTokens', '1.5', /whole number/],
    ['maxTokens', '0', /positive/],
    ['baseUrl.openai', 'not a url', /URL/],
    ['baseUrl.openai', 'localhost:11434', /http/],
    ['defaultProvider', 'gemini', /"openai", "anthropic" or "mock"/],
    ['pricing', '{"models":', /JSON object/],
    ['pricing', '[1]', /pricing object/],
    ['budget', '{"dailyUsd":"5"}', /budget\.dailyUsd/],
    [
      'budgt.dailyUsd',
      '5',
      /unknown setting 'budgt.dailyUsd' \(did you mean 'budget.dailyUsd'\?\)/,
    ],
    ['openaiApiKey', 'sk-123', /API keys are never stored/],
    ['OPENAI_API_KEY', 'sk-123', /API keys are never stored/],
  ])('refuses %s = %s with the reason', async (key, raw, reason) => {
    const error = await setSetting(env, key, raw).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(reason);
    expect(readdirSync(home)).toEqual([]);
  });

  it('refuses a warn fraction above the alert fraction already set', async () => {
    await setSetting(env, 'budget.alertAt', '0.8');
    await expect(setSetting(env, 'budget.warnAt', '0.85')).rejects.toThrow(
      /budget.warnAt \(0.85\) must not be above budget.alertAt \(0.8\)/,
    );
  });

  it('checks a pricing object with the validator it is given', async () => {
    const refuse = () => {
      throw new ConfigError('bad price');
    };
    await expect(
      setSetting(env, 'pricing', '{"models":{}}', { validatePricing: refuse }),
    ).rejects.toThrow('bad price');
  });

  it('writes into an empty file (no backup to keep), and unsets nothing from it', async () => {
    writeFileSync(join(home, 'config.json'), '');
    expect((await unsetSetting(env, 'budget.dailyUsd')).notices).toEqual([]);
    const result = await setSetting(env, 'budget.dailyUsd', '7');
    expect(result.notices).toEqual([]);
    expect(fileJson()).toEqual({ budget: { dailyUsd: 7 } });
    expect(readdirSync(home)).toEqual(['config.json']);
  });

  it('keeps a broken file as a backup, byte for byte, before writing a new one', async () => {
    const bytes = '{ "budget": { "dailyUsd": 5, ';
    writeFileSync(join(home, 'config.json'), bytes);
    const result = await setSetting(env, 'budget.dailyUsd', '7', {
      nowMs: Date.UTC(2026, 10, 23, 6, 30, 0),
    });
    const backup = 'config.json.broken-20261123T063000Z';
    expect(result.notices).toEqual([
      `${join(home, 'config.json')} was not valid JSON: kept it as ${backup} and started a new file.`,
    ]);
    expect(readFileSync(join(home, backup), 'utf8')).toBe(bytes);
    expect(fileJson()).toEqual({ budget: { dailyUsd: 7 } });
  });

  it('keeps the other entries of a file that has an invalid one', async () => {
    writeFileSync(join(home, 'config.json'), JSON.stringify({ maxTokens: -3, system: 'x' }));
    await setSetting(env, 'budget.dailyUsd', '1');
    expect(fileJson()).toEqual({ maxTokens: -3, system: 'x', budget: { dailyUsd: 1 } });
  });

  it('refuses to write over a config file it cannot read', async () => {
    mkdirSync(join(home, 'config.json'));
    await expect(setSetting(env, 'system', 'y')).rejects.toThrow(
      /config\.json cannot be read \(EISDIR.*Check the file and its permissions\./,
    );
    await expect(unsetSetting(env, 'system')).rejects.toThrow(/cannot be read/);
  });
});

describe('unsetSetting', () => {
  it('removes a setting so its default applies again', async () => {
    await setSetting(env, 'budget.onExceed', 'block');
    await setSetting(env, 'budget.dailyUsd', '3');
    await unsetSetting(env, 'budget.onExceed');
    expect(fileJson()).toEqual({ budget: { dailyUsd: 3 } });
    expect((await loadSettings(env)).settings.budget.onExceed).toBe('warn');
  });

  it('refuses an unknown key', async () => {
    await expect(unsetSetting(env, 'nope')).rejects.toThrow(/unknown setting 'nope'/);
  });

  it('creates nothing when there is no file', async () => {
    await unsetSetting(env, 'system');
    expect(readdirSync(home)).toEqual([]);
  });
});
