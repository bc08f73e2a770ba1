import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCK_FALLBACK_NOTICE } from '../../src/cli/services';
import { loadFixture } from '../helpers/replay-server';
import { useReplayServer } from '../helpers/replay-suite';

const FAKE_KEY = 'sk-test-LEAKCHECK-1234567890';
const home = mkdtempSync(join(tmpdir(), 'chatmeter-oneshot-'));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI without any API key or base URL from the outer environment. */
function cli(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Run> {
  const base = { ...process.env };
  for (const name of [
    'OPENAI_API_KEY',
    'ANTHROPIC_API_KEY',
    'OPENAI_BASE_URL',
    'ANTHROPIC_BASE_URL',
  ]) {
    delete base[name];
  }
  const child = spawn(process.execPath, ['dist/cli.js', ...args], {
    env: { ...base, CHATMETER_HOME: home, CHATMETER_MOCK_DELAY_MS: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const server = useReplayServer();

describe('one-shot mode (built CLI)', () => {
  it('-p hello --mock --json prints one valid object with tokens and costUsd "0"', async () => {
    const run = await cli(['-p', 'hello', '--mock', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(Object.keys(json)).toEqual([
      'sessionId',
      'provider',
      'model',
      'reply',
      'outcome',
      'usage',
      'estimated',
      'costUsd',
      'costSource',
      'listCostUsd',
      'providerCostUsd',
      'serviceTier',
      'simulatedCostUsd',
      'latencyMs',
      'stopReason',
      'cut',
      'conversationId',
      'attached',
    ]);
    expect(json).toMatchObject({ provider: 'mock', model: 'mock', outcome: 'ok', costUsd: '0' });
    expect(json.usage.inputTokens).toBeGreaterThan(0);
    expect(json.usage.outputTokens).toBeGreaterThan(0);
    expect(json.reply).toContain('hello');
  });

  it('echo hello | chatmeter --mock prints a reply on stdout and a usage line on stderr', async () => {
    const run = await cli(['--mock'], {}, 'hello\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"hello"');
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(run.stderr).toMatch(/^mock · in \d+ · out \d+ · \$0 \(mock mode\) · \d+ms\n$/);
  });

  it('simulates a real model in mock mode with a simulated cost, never a real one', async () => {
    const run = await cli(['-p', 'hi', '--mock', '--model', 'gpt-4o-mini', '--json']);
    const json = JSON.parse(run.stdout);
    expect(json.costUsd).toBe('0');
    expect(json.simulatedCostUsd).toMatch(/^0\.0000\d+$/);
    const text = await cli(['-p', 'hi', '--mock', '--model', 'gpt-4o-mini']);
    expect(text.stderr).toMatch(
      /^gpt-4o-mini \(mock\) · .* · simulated \$0\.0000\d+, not charged · /,
    );
  });

  it('falls back to mock mode, and says so, when there is no key, model or provider', async () => {
    const run = await cli(['-p', 'hi']);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe(`chatmeter: ${MOCK_FALLBACK_NOTICE}`);
  });

  it('marks start-up warnings as warnings, and still answers', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'chatmeter-oneshot-broken-'));
    writeFileSync(join(broken, 'config.json'), '{ not json');
    const run = await cli(['-p', 'hi', '--mock'], { CHATMETER_HOME: broken });
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/^chatmeter: warning: .*config\.json/m);
  });

  it.each([
    [
      ['--model', 'gpt-5-mini'],
      'chatmeter: Set OPENAI_API_KEY to use gpt-5-mini, or run with --mock.',
    ],
    [
      ['--provider', 'anthropic'],
      'chatmeter: Set ANTHROPIC_API_KEY to use claude-haiku-4-5, or run with --mock.',
    ],
    [
      ['--model', 'llama3'],
      'chatmeter: Cannot tell which provider serves "llama3": pass --provider openai (also for OpenAI-compatible servers) or --provider anthropic.',
    ],
  ])('exits 2 with one line for %j without a key', async (args, line) => {
    const run = await cli(['-p', 'hi', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${line}\n`);
  });

  it('exits 2 naming OPENAI_BASE_URL when it is not an http(s) URL, before anything is sent', async () => {
    const run = await cli(['-p', 'hi', '--model', 'gpt-4o-mini'], {
      OPENAI_API_KEY: FAKE_KEY,
      OPENAI_BASE_URL: 'ftp://bad',
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'chatmeter: OPENAI_BASE_URL must be an http(s) URL such as http://127.0.0.1:11434/v1 (it is "ftp://bad"). Fix it or unset it.\n',
    );
  });

  it('exits 2 when there is nothing to send', async () => {
    const run = await cli(['--mock'], {}, '  \n');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('chatmeter: Nothing to send: pass -p "text" or pipe text on stdin.\n');
  });

  it('meters a real call against the replay server: reply on stdout, usage line on stderr', async () => {
    server.serve(loadFixture('openai/chat-basic.json'));
    const run = await cli(['-p', 'hi', '--model', 'gpt-4o-mini', '--no-stream'], {
      OPENAI_API_KEY: FAKE_KEY,
      OPENAI_BASE_URL: `${server.origin}/v1`,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('YES\n');
    // 146 x 0.15 + 3 x 0.60 = 23.7 micro-USD, shown with two significant digits
    expect(run.stderr).toMatch(/^gpt-4o-mini · in 146 · out 3 · \$0\.000024 · \d+ms\n$/);
  });

  it("prints an SDK's console warning once, as a chatmeter warning, around the reply", async () => {
    server.serve(loadFixture('anthropic/messages-stream-basic.sse'));
    const run = await cli(['-p', 'hi', '--model', 'claude-sonnet-4-5'], {
      ANTHROPIC_API_KEY: FAKE_KEY,
      ANTHROPIC_BASE_URL: server.origin,
    });
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    const warnings = run.stderr.match(/^chatmeter: warning: The model 'claude-sonnet-4-5' is deprecated/gm);
    expect(warnings).toHaveLength(1);
    expect(run.stderr).toMatch(/^claude-sonnet-4-5 · in \d+/m);
  });

  it.each([
    ['a reply cut short by the provider (max tokens)', '{"reply": "Part one", "stopReason": "max_tokens"}', 0, /cut: max tokens/],
    ['a reply refused by the provider', '{"reply": "No.", "stopReason": "refusal"}', 0, /cut: refusal/],
    ['a reply broken off by an error mid-stream', '{"reply": "Part one, part two", "cutAfterChars": 8}', 1, /~/],
  ])('exits as documented for %s', async (_, step, code, line) => {
    const dir = mkdtempSync(join(tmpdir(), 'chatmeter-script-'));
    const script = join(dir, 'script.json');
    writeFileSync(script, `[${step}]`);
    const run = await cli(['-p', 'hi', '--mock'], { CHATMETER_MOCK_SCRIPT: script });
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(line);
  });

  it('a failed call prints the JSON object with outcome failed and error, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatmeter-script-'));
    const script = join(dir, 'script.json');
    writeFileSync(script, '[{"error": {"kind": "overloaded", "status": 529}}]');
    const run = await cli(['-p', 'hi', '--mock', '--json'], { CHATMETER_MOCK_SCRIPT: script });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      outcome: 'failed',
      costUsd: '0',
      usage: { inputTokens: 0, outputTokens: 0 },
      error: {
        kind: 'overloaded',
        status: 529,
        message: 'The mock provider is overloaded (529). Retry in a moment.',
      },
    });
  });
});

describe('API keys never appear in output', () => {
  it.each([
    ['openai', 'openai/error-401-invalid-api-key.json', 'gpt-4o-mini', 'OPENAI'],
    ['anthropic', 'anthropic/error-401-authentication.json', 'claude-3-7-sonnet', 'ANTHROPIC'],
  ])(
    '%s 401: the key is absent from stdout, stderr and the JSON',
    async (_name, fixture, model, prefix) => {
      server.serve(loadFixture(fixture));
      const base = prefix === 'OPENAI' ? `${server.origin}/v1` : server.origin;
      const env = { [`${prefix}_API_KEY`]: FAKE_KEY, [`${prefix}_BASE_URL`]: base };
      for (const args of [['--json'], [], ['--no-stream', '--json']]) {
        const run = await cli(['-p', 'hi', '--model', model, ...args], env);
        expect(run.code).toBe(1);
        for (const text of [run.stdout, run.stderr]) {
          expect(text).not.toContain(FAKE_KEY);
          expect(text).not.toContain('LEAKCHECK');
        }
        if (args.includes('--json')) {
          const json = JSON.parse(run.stdout);
          expect(json.outcome).toBe('failed');
          expect(json.error.kind).toBe('auth');
          expect(json.error.message).toContain(`${prefix}_API_KEY was rejected`);
          expect(JSON.stringify(json)).not.toContain('LEAKCHECK');
        } else {
          expect(run.stderr).toContain(`${prefix}_API_KEY was rejected`);
        }
      }
    },
  );
});

describe('prompt caching from the command line and the config', () => {
  /** About 1,500 tokens: Claude Sonnet 4 caches it (minimum 1,024 tokens). */
  const system = 'Answer as a careful reviewer who explains each step. '.repeat(150);

  async function systemSent(args: string[], env: Record<string, string> = {}) {
    server.serve(loadFixture('anthropic/messages-cache-write-5m.json'));
    const before = server.requests.length;
    const run = await cli(
      ['-p', 'hi', '--no-stream', '--model', 'claude-sonnet-4-20250514', '--system', system, ...args],
      { ANTHROPIC_API_KEY: FAKE_KEY, ANTHROPIC_BASE_URL: server.origin, ...env },
    );
    expect(run.code).toBe(0);
    const body = JSON.parse(server.requests[before]!.body) as { system: unknown };
    return body.system;
  }

  it('marks the system prompt for the 5-minute cache by default', async () => {
    expect(await systemSent([])).toEqual([
      { type: 'text', text: system, cache_control: { type: 'ephemeral', ttl: '5m' } },
    ]);
  });

  it('sends the plain system prompt with --cache off', async () => {
    expect(await systemSent(['--cache', 'off'])).toBe(system);
  });

  it('takes the TTL from config cache when --cache is absent', async () => {
    const configHome = mkdtempSync(join(tmpdir(), 'chatmeter-cache-config-'));
    writeFileSync(join(configHome, 'config.json'), JSON.stringify({ cache: '1h' }));
    expect(await systemSent([], { CHATMETER_HOME: configHome })).toEqual([
      { type: 'text', text: system, cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });
});
