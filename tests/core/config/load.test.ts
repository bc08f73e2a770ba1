import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFilePath, loadSettings } from '../../../src/core/config/load';

let home: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'chatmeter-config-'));
  env = { CHATMETER_HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function writeConfig(text: string): string {
  const path = join(home, 'config.json');
  writeFileSync(path, text);
  return path;
}

describe('loadSettings', () => {
  it('keeps config.json in CHATMETER_HOME', () => {
    expect(configFilePath(env)).toBe(join(home, 'config.json'));
  });

  it('gives the defaults when there is no file', async () => {
    const loaded = await loadSettings(env);
    expect(loaded.state).toBe('missing');
    expect(loaded.problems).toEqual([]);
    expect(loaded.settings.ledger).toBe(true);
    expect(loaded.settings.budget).toEqual({
      sessionUsd: null,
      dailyUsd: null,
      monthlyUsd: null,
      warnAt: 0.75,
      alertAt: 0.9,
      onExceed: 'warn',
    });
  });

  it('reads every kind of setting', async () => {
    writeConfig(
      JSON.stringify({
        defaultProvider: 'openai',
        defaultModel: 'gpt-4o-mini',
        baseUrl: { openai: 'http://127.0.0.1:9/v1' },
        system: 'Be brief.',
        maxTokens: 256,
        mockDelayMs: 0,
        ledger: false,
        pricing: { models: {} },
        budget: { dailyUsd: 5, warnAt: 0.5, alertAt: 0.8, onExceed: 'block' },
      }),
    );
    const { settings, state, problems } = await loadSettings(env);
    expect(state).toBe('ok');
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      defaultProvider: 'openai',
      defaultModel: 'gpt-4o-mini',
      baseUrl: { openai: 'http://127.0.0.1:9/v1', anthropic: null },
      system: 'Be brief.',
      maxTokens: 256,
      mockDelayMs: 0,
      ledger: false,
      pricing: { models: {} },
      budget: { dailyUsd: 5, warnAt: 0.5, alertAt: 0.8, onExceed: 'block', sessionUsd: null },
    });
  });

  it.each([
    ['empty', ''],
    ['blank', '  \n'],
    ['a byte-order mark alone', '\uFEFF'],
  ])('reads an %s file as no settings, without a warning', async (_name, text) => {
    writeConfig(text);
    const loaded = await loadSettings(env);
    expect(loaded.state).toBe('empty');
    expect(loaded.problems).toEqual([]);
    expect(loaded.settings.budget.onExceed).toBe('warn');
  });

  it('never touches a file that is not JSON, names it and starts with the defaults', async () => {
    const bytes = '{ "budget": { "dailyUsd": 5, }\n';
    const path = writeConfig(bytes);
    const loaded = await loadSettings(env);
    expect(loaded.state).toBe('invalid-json');
    expect(loaded.settings.budget.dailyUsd).toBeNull();
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]).toContain(path);
    expect(loaded.problems[0]).toContain('not valid JSON');
    expect(readFileSync(path, 'utf8')).toBe(bytes);
  });

  it('refuses a file that holds something other than an object', async () => {
    writeConfig('[1, 2]');
    expect((await loadSettings(env)).problems[0]).toMatch(/must hold a JSON object/);
  });

  it('ignores only the entries that are wrong, naming each', async () => {
    const path = writeConfig(
      JSON.stringify({
        budget: { sessionUsd: -1, dailyUsd: 5, onExceed: 'explode' },
        maxTokens: 'many',
        colour: 'blue',
        defaultModel: 'gpt-4o',
      }),
    );
    const loaded = await loadSettings(env);
    expect(loaded.state).toBe('invalid-values');
    expect(loaded.settings.budget.dailyUsd).toBe(5);
    expect(loaded.settings.budget.sessionUsd).toBeNull();
    expect(loaded.settings.budget.onExceed).toBe('warn');
    expect(loaded.settings.defaultModel).toBe('gpt-4o');
    expect(loaded.settings.maxTokens).toBeNull();
    const text = loaded.problems.join('\n');
    for (const key of ['budget.sessionUsd', 'budget.onExceed', 'maxTokens', 'colour']) {
      expect(text).toContain(`${path}: ${key}:`);
    }
    expect(text).toContain('cannot be negative');
  });

  it('drops a warn fraction above the alert fraction and keeps warn below alert', async () => {
    writeConfig(JSON.stringify({ budget: { warnAt: 0.95, alertAt: 0.5 } }));
    const loaded = await loadSettings(env);
    expect(loaded.problems.join()).toContain('budget.warnAt');
    expect(loaded.settings.budget).toMatchObject({ warnAt: 0.5, alertAt: 0.5 });
  });

  it('moves the unset fraction along when only one is set past its default', async () => {
    writeConfig(JSON.stringify({ budget: { warnAt: 0.95 } }));
    const { settings } = await loadSettings(env);
    expect(settings.budget).toMatchObject({ warnAt: 0.95, alertAt: 0.95 });
  });

  it("ignores conf's own bookkeeping key", async () => {
    writeConfig(JSON.stringify({ __internal__: { migrations: { version: '1.0.0' } } }));
    expect((await loadSettings(env)).problems).toEqual([]);
  });
});
