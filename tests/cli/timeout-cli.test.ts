import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childOutput } from '../helpers/child-output';
import { runCli } from './usage-helpers';

/** A server that accepts every request and never answers it. */
let server: Server;
let origin = '';
/** Called when the next request arrives. */
let onRequest: () => void = () => undefined;
beforeAll(async () => {
  server = createServer(() => onRequest());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function oneShot(home: string, extra: string[]) {
  return childOutput(start(home, extra));
}

function start(home: string, extra: string[]) {
  const env = { ...process.env };
  for (const name of ['OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'OPENAI_LOG', 'ANTHROPIC_LOG']) {
    delete env[name];
  }
  const child = spawn(
    process.execPath,
    ['dist/cli.js', '-p', 'hi', '--model', 'gpt-4o-mini', '--json', ...extra],
    {
      env: {
        ...env,
        CHATMETER_HOME: home,
        OPENAI_API_KEY: 'sk-test-timeout',
        OPENAI_BASE_URL: `${origin}/v1`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return child;
}

describe('a provider that never answers', () => {
  it.each([[[]], [['--no-stream']]])(
    'fails the call as a timeout after --timeout seconds, recorded as failed (%j)',
    async (extra) => {
      const home = mkdtempSync(join(tmpdir(), 'chatmeter-timeout-'));
      const run = await oneShot(home, ['--timeout', '1', ...extra]);
      expect(run.code).toBe(1);
      const json = JSON.parse(run.stdout) as {
        outcome: string;
        usage: { inputTokens: number };
        error: { kind: string; message: string };
      };
      expect(json).toMatchObject({ outcome: 'failed', usage: { inputTokens: 0 } });
      expect(json.error).toMatchObject({
        kind: 'timeout',
        message: `127.0.0.1:${new URL(origin).port} sent nothing for 1 s, so the call was given up. Retry, or raise --timeout (seconds).`,
      });
      const summary = JSON.parse(runCli(home, ['usage', 'show', 'last', '--format', 'json']).stdout);
      expect(summary.models[0].calls).toEqual({ ok: 0, failed: 1, aborted: 0 });
    },
  );

  it('takes the timeout from the config key timeoutSeconds', async () => {
    const home = mkdtempSync(join(tmpdir(), 'chatmeter-timeout-'));
    expect(runCli(home, ['config', 'set', 'timeoutSeconds', '1']).code).toBe(0);
    const run = await oneShot(home, []);
    expect(JSON.parse(run.stdout).error.kind).toBe('timeout');
  });

  it.each([[[]], [['--no-stream']]])(
    'cancelled by SIGINT while it hangs, is recorded the same way streaming or not: no tokens (%j)',
    async (extra) => {
      const home = mkdtempSync(join(tmpdir(), 'chatmeter-timeout-'));
      const arrived = new Promise<void>((resolve) => {
        onRequest = resolve;
      });
      const child = start(home, extra);
      const output = childOutput(child);
      await arrived;
      child.kill('SIGINT');
      const run = await output;
      expect(run.code).toBe(130);
      const json = JSON.parse(run.stdout) as { outcome: string; estimated: boolean; usage: object };
      expect(json).toMatchObject({ outcome: 'aborted', estimated: false });
      expect(json.usage).toMatchObject({ inputTokens: 0, outputTokens: 0 });
    },
  );
});
