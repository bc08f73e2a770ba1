import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/ledger/helpers';
import { runCli } from './usage-helpers';

const temp = tempDir('chatmeter-oneshot-signals-');
afterAll(() => temp.cleanup());

interface SignalledRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Starts a long mock reply one-shot, sends `signal` once some of it is out, waits for the end. */
function interrupt(home: string, signal: NodeJS.Signals): Promise<SignalledRun> {
  const child = spawn(process.execPath, ['dist/cli.js', '-p', '/long 3000', '--mock'], {
    env: { ...process.env, CHATMETER_HOME: home, CHATMETER_MOCK_DELAY_MS: '20' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let sent = false;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.on('data', () => {
    if (!sent) {
      sent = true;
      child.kill(signal);
    }
  });
  return new Promise((resolve) =>
    child.on('close', (code, killedBy) => resolve({ code, signal: killedBy, stderr })),
  );
}

describe('a one-shot call ended by a signal from outside', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('on %s: records the call as aborted, prints its usage line, exits %i', async (
    signal,
    exitCode,
  ) => {
    const home = `${temp.dir}/${signal}`;
    const run = await interrupt(home, signal);
    expect(run).toMatchObject({ code: exitCode, signal: null });
    expect(run.stderr).toMatch(/^aborted: mock · in ~\d+ · out ~[\d,]+ · \$0 \(mock mode\)/m);
    const report = runCli(home, ['usage', '--include-mock', '--format', 'json']);
    expect(JSON.parse(report.stdout).totals.calls).toEqual({ ok: 0, failed: 0, aborted: 1 });
  });
});

describe('a one-shot call whose stdout reader goes away (`| head -1`)', () => {
  it('records the call as aborted and exits 0 without a stack trace', async () => {
    const home = `${temp.dir}/epipe`;
    const child = spawn(process.execPath, ['dist/cli.js', '-p', '/long 3000', '--mock'], {
      env: { ...process.env, CHATMETER_HOME: home, CHATMETER_MOCK_DELAY_MS: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|node:events/);
    expect(stderr).toMatch(/^aborted: mock · in ~\d+ · out ~[\d,]+/m);
    const report = runCli(home, ['usage', '--include-mock', '--format', 'json']);
    expect(JSON.parse(report.stdout).totals.calls).toEqual({ ok: 0, failed: 0, aborted: 1 });
  });
});
