import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { childOutput } from '../helpers/child-output';

/** The bound the issue sets: a process told to stop ends within this. */
const BOUND_MS = 5_000;
const FIVE_MB_OF_X = 'x'.repeat(5_000_000);

const started: ReturnType<typeof spawn>[] = [];
// A child that hangs (the failure this file guards against) must not outlive its test.
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the built CLI in mock mode with `stdin` piped in. */
function start(args: string[], env: Record<string, string>, stdin: string) {
  const child = spawn(process.execPath, ['dist/cli.js', ...args], {
    env: { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  started.push(child);
  child.stdin.on('error', () => undefined);
  child.stdin.end(stdin);
  return child;
}

/** Resolves with the exit code, or rejects when the child is still running after `ms`. */
function endsWithin(output: ReturnType<typeof childOutput>, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${ms} ms after SIGTERM`)), ms);
  });
  return Promise.race([output, late]).finally(() => clearTimeout(timer));
}

describe('nothing hangs', () => {
  it.each([
    { what: '5 MB of x on stdin', home: 'temp', stdin: FIVE_MB_OF_X, args: ['--mock'] },
    { what: 'an unusable data folder', home: '/proc/x/y', stdin: '', args: ['-p', 'hi', '--mock'] },
  ])('$what: SIGTERM while the reply streams ends the process within 5 s', async (input) => {
    const home = input.home === 'temp' ? mkdtempSync(join(tmpdir(), 'chatmeter-hang-')) : input.home;
    // A slow mock stream: the process is surely still at work when SIGTERM arrives.
    const child = start(input.args, { CHATMETER_HOME: home, CHATMETER_MOCK_DELAY_MS: '500' }, input.stdin);
    const output = childOutput(child);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.kill('SIGTERM');
    const run = await endsWithin(output, BOUND_MS);
    expect(run.code).toBe(143);
    expect(run.stderr).toMatch(/^aborted: mock · in ~[\d,]+ · out ~[\d,]+/m);
  });

  it('an unusable data folder is one warning, and the call is metered in memory', async () => {
    const child = start(['-p', 'hi', '--mock'], { CHATMETER_HOME: '/proc/x/y', CHATMETER_MOCK_DELAY_MS: '0' }, '');
    const run = await childOutput(child);
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('chatmeter: warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/usage ledger \/proc\/x\/y\/usage\.db cannot be opened .*in memory only/);
    expect(run.stderr).toMatch(/^mock · in 5 · out \d+/m);
  });

  it('5 MB of x on stdin is counted and answered', async () => {
    const home = mkdtempSync(join(tmpdir(), 'chatmeter-hang-'));
    const child = start(['--mock', '--json'], { CHATMETER_HOME: home, CHATMETER_MOCK_DELAY_MS: '0' }, FIVE_MB_OF_X);
    const run = await childOutput(child);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { outcome: string; usage: { inputTokens: number } };
    expect(json.outcome).toBe('ok');
    // o200k reads 8 x's as one token; the slices keep that, plus the message framing.
    expect(json.usage.inputTokens).toBe(5_000_000 / 8 + 4);
  });

  it('config set in an unusable folder says so in one line (exit 2)', async () => {
    const child = start(['config', 'set', 'maxTokens', '5'], { CHATMETER_HOME: '/proc/x/y' }, '');
    const run = await childOutput(child);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "chatmeter: Cannot create the settings folder /proc/x/y (ENOENT: no such file or directory, mkdir '/proc/x'). Check its permissions or set CHATMETER_HOME.\n",
    );
  });
});
