import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { homeFolders, runCli } from './usage-helpers';

const home = homeFolders('chatmeter-recording-');

const setprivAvailable = spawnSync('setpriv', ['--version']).status === 0;
const isRoot = process.getuid?.() === 0;

describe('recording chats in the ledger', () => {
  it('shows three one-shot mock calls in the report by model', () => {
    const dir = home();
    for (const text of ['one', 'two', 'three']) {
      expect(runCli(dir, ['-p', text, '--mock', '--model', 'gpt-4o']).code).toBe(0);
    }
    const json = JSON.parse(
      runCli(dir, ['usage', '--include-mock', '--by', 'model', '--format', 'json']).stdout,
    );
    expect(json.rows).toHaveLength(1);
    expect(json.rows[0]).toMatchObject({ key: 'gpt-4o', calls: { ok: 3, failed: 0, aborted: 0 } });
    expect(json.totals.usage.outputTokens).toBeGreaterThan(0);
  });

  it('agrees with the one-shot JSON to the pico-dollar in usage show', () => {
    const dir = home();
    const pricing = `${dir}/prices.json`;
    // An odd price so the simulated cost has many decimals.
    const model = { provider: 'openai', input: 1.234567, output: 9.876543 };
    writeFileSync(pricing, JSON.stringify({ models: { 'my-model': model } }));
    const args = ['-p', 'hello', '--mock', '--model', 'my-model', '--pricing', pricing, '--json'];
    const shot = JSON.parse(runCli(dir, args).stdout);
    expect(shot.simulatedCostUsd).toMatch(/^0\.\d{6,}$/);
    const ref = shot.sessionId.slice(0, 8);
    const show = JSON.parse(runCli(dir, ['usage', 'show', ref, '--format', 'json']).stdout);
    expect(show.sessionId).toBe(shot.sessionId);
    expect(show.totals.usage).toEqual(shot.usage);
    expect(show.totals.costUsd).toBe(shot.costUsd);
    expect(show.totals.simulatedCostUsd).toBe(shot.simulatedCostUsd);
  });

  it('stores neither the prompt, the reply nor an API key', () => {
    const dir = home();
    const prompt = 'my-private-prompt-7f3a';
    const key = 'sk-test-never-store-me-9c2e';
    const run = runCli(dir, ['-p', prompt, '--mock'], { OPENAI_API_KEY: key });
    expect(run.code).toBe(0);
    const reply = run.stdout.trim().split('\n')[0]!;
    expect(reply.length).toBeGreaterThan(10);
    const stored = readdirSync(dir)
      .filter((name) => name.startsWith('usage.db'))
      .map((name) => readFileSync(`${dir}/${name}`).toString('latin1'))
      .join('');
    expect(stored.length).toBeGreaterThan(0);
    for (const secret of [prompt, key, reply]) expect(stored).not.toContain(secret);
  });

  it('writes nothing with --no-ledger or the config switch off', () => {
    const flagged = home();
    expect(runCli(flagged, ['-p', 'hi', '--mock', '--no-ledger']).code).toBe(0);
    expect(existsSync(`${flagged}/usage.db`)).toBe(false);
    const configured = home();
    expect(runCli(configured, ['config', 'set', 'ledger', 'false']).code).toBe(0);
    expect(runCli(configured, ['-p', 'hi', '--mock']).code).toBe(0);
    expect(existsSync(`${configured}/usage.db`)).toBe(false);
  });

  it('warns once and keeps chatting over a damaged ledger, leaving it untouched', () => {
    const dir = home();
    const garbage = Buffer.alloc(8192, 'not sqlite ');
    writeFileSync(`${dir}/usage.db`, garbage);
    const run = runCli(dir, ['-p', 'hi', '--mock']);
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(run.stderr.match(/usage ledger/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/is damaged .* metered in memory only/);
    expect(readFileSync(`${dir}/usage.db`).equals(garbage)).toBe(true);
  });

  it.runIf(!isRoot || setprivAvailable)(
    'warns once and keeps chatting when the folder is read-only',
    () => {
      const dir = home();
      chmodSync(dir, 0o555);
      // Root ignores folder permissions: drop the capability that lets it.
      const args = ['-p', 'hi', '--mock'];
      const run = isRoot
        ? spawnSync(
            'setpriv',
            [
              '--inh-caps=-dac_override,-dac_read_search',
              '--bounding-set=-dac_override,-dac_read_search',
              process.execPath,
              'dist/cli.js',
              ...args,
            ],
            {
              encoding: 'utf8',
              env: {
                ...process.env,
                CHATMETER_HOME: dir,
                OPENAI_API_KEY: '',
                ANTHROPIC_API_KEY: '',
              },
            },
          )
        : spawnSync(process.execPath, ['dist/cli.js', ...args], {
            encoding: 'utf8',
            env: { ...process.env, CHATMETER_HOME: dir, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' },
          });
      chmodSync(dir, 0o755);
      expect(run.status).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
      expect(run.stderr).toMatch(/cannot be opened .*permission denied.* metered in memory only/i);
      expect(existsSync(`${dir}/usage.db`)).toBe(false);
    },
  );
});
