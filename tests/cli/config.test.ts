import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { privateCliCopy } from '../helpers/pty';

/** A private copy of the built CLI, so a rebuild of dist/ by a parallel run cannot break it. */
let CLI = 'dist/cli.js';

let home: string;
beforeAll(() => {
  CLI = privateCliCopy();
});
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'chatmeter-cli-config-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** Runs the built CLI with CHATMETER_HOME pointing at a fresh folder. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'config', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHATMETER_HOME: home },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('chatmeter config (built CLI)', () => {
  it('says when an unset budget fraction follows the one just written, and lists it as following', () => {
    expect(cli('set', 'budget.warnAt', '0.95').stdout).toBe(
      'budget.warnAt = 0.95\nbudget.alertAt is now 0.95 (it is not set, so it follows budget.warnAt)\n',
    );
    expect(cli('list').stdout).toMatch(/^budget\.alertAt\s+0\.95 \(follows budget\.warnAt\)$/m);
    expect(cli('set', 'budget.warnAt', '0.8').stdout).toBe(
      'budget.warnAt = 0.8\nbudget.alertAt is now 0.9 (its default)\n',
    );
    expect(cli('list').stdout).toMatch(/^budget\.alertAt\s+0\.9 \(default\)$/m);
    expect(cli('unset', 'budget.warnAt').stdout).toBe('budget.warnAt unset (default: 0.75)\n');
    expect(cli('set', 'budget.dailyUsd', '2').stdout).toBe('budget.dailyUsd = 2\n');
  });

  it('sets, gets, lists and unsets settings', () => {
    expect(cli('set', 'budget.dailyUsd', '5')).toMatchObject({
      code: 0,
      stdout: 'budget.dailyUsd = 5\n',
    });
    expect(cli('get', 'budget.dailyUsd')).toMatchObject({ code: 0, stdout: '5\n' });
    expect(cli('get', 'budget.warnAt').stdout).toBe('0.75\n');
    const list = cli('list').stdout;
    expect(list).toMatch(/^budget\.dailyUsd\s+5$/m);
    expect(list).toMatch(/^budget\.onExceed\s+warn \(default\)$/m);
    expect(list).toMatch(/^defaultModel\s+-$/m);
    expect(cli('unset', 'budget.dailyUsd')).toMatchObject({
      code: 0,
      stdout: 'budget.dailyUsd unset\n',
    });
    expect(cli('get', 'budget.dailyUsd')).toMatchObject({
      code: 0,
      stdout: '',
      stderr: 'chatmeter: budget.dailyUsd is not set\n',
    });
  });

  it('reads prices.autoUpdate back after setting it, false by default', () => {
    expect(cli('get', 'prices.autoUpdate').stdout).toBe('false\n');
    expect(cli('list').stdout).toMatch(/^prices\.autoUpdate\s+false \(default\)$/m);
    expect(cli('set', 'prices.autoUpdate', 'true').code).toBe(0);
    expect(cli('get', 'prices.autoUpdate').stdout).toBe('true\n');
  });

  it('stores a pricing object given as JSON', () => {
    const pricing = '{"models":{"my-model":{"provider":"openai","input":1.25,"output":10}}}';
    expect(cli('set', 'pricing', pricing).code).toBe(0);
    expect(JSON.parse(cli('get', 'pricing').stdout)).toEqual(JSON.parse(pricing));
  });

  it('prints where settings and the ledger live', () => {
    expect(cli('path').stdout).toBe(
      `config  ${join(home, 'config.json')}\nledger  ${join(home, 'usage.db')}\nconversations  ${join(home, 'conversations.db')}\n`,
    );
  });

  it.each([
    [
      ['set', 'budget.dailyUsd', '--', '-5'],
      'budget.dailyUsd: a budget cannot be negative (got -5)',
    ],
    [['set', 'budget.dailyUsd', 'five'], 'budget.dailyUsd: expected a number (got five)'],
    [['set', 'ledger', 'maybe'], 'ledger: expected true or false (got maybe)'],
    [
      ['set', 'maxTokens', '2.5'],
      'maxTokens: expected a whole number of tokens, e.g. 1024 (got 2.5)',
    ],
    [['set', 'budget.onExceed', 'stop'], 'budget.onExceed: expected "warn" or "block" (got stop)'],
    [['set', 'colour', 'red'], "unknown setting 'colour'"],
    [['set', 'anthropicApiKey', 'sk-ant'], 'API keys are never stored in the config'],
    [
      ['set', 'pricing', '{"models":{"m":{"provider":"openai","input":"x","output":1}}}'],
      'models.m.input',
    ],
    [['unset', 'nope'], "unknown setting 'nope'"],
    [['get', 'nope'], "unknown setting 'nope'"],
  ])('refuses %j with exit 2 and the reason', (args, reason) => {
    const result = cli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(reason);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(home)).toEqual([]);
  });

  it('leaves a malformed config file untouched byte for byte and names it', () => {
    const file = join(home, 'config.json');
    const bytes = '{\n  "budget": { "dailyUsd": 5,, }\n}\n';
    writeFileSync(file, bytes);
    for (const args of [['list'], ['get'], ['get', 'budget.dailyUsd'], ['path']]) {
      const result = cli(...args);
      expect(result.code).toBe(0);
      if (args[0] !== 'path') expect(result.stderr).toContain(`${file} is not valid JSON`);
    }
    expect(readFileSync(file, 'utf8')).toBe(bytes);
    expect(readdirSync(home)).toEqual(['config.json']);
  });

  it('keeps a malformed file as a backup when a write replaces it', () => {
    const file = join(home, 'config.json');
    writeFileSync(file, '{ nope');
    const result = cli('set', 'budget.sessionUsd', '1');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /was not valid JSON: kept it as config\.json\.broken-\d{8}T\d{6}Z/,
    );
    const backup = readdirSync(home).find((name) => name.startsWith('config.json.broken-'))!;
    expect(readFileSync(join(home, backup), 'utf8')).toBe('{ nope');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ budget: { sessionUsd: 1 } });
  });
});
