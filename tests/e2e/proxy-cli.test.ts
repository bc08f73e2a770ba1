import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/core/ledger/ledger';
import { homeFolders, runCli } from '../cli/usage-helpers';
import { childOutput } from '../helpers/child-output';
import { loadFixture, replayResponse, type ReplayServer, startReplayServer } from '../helpers/replay-server';

const newHome = homeFolders('chatmeter-proxy-e2e-');
let upstream: ReplayServer;
beforeAll(async () => {
  upstream = await startReplayServer();
});
afterAll(() => upstream.close());

/** Starts the built `chatmeter proxy` on a free port; resolves once it says where it listens. */
async function startCliProxy(home: string, args: readonly string[] = []) {
  const child = spawn(
    process.execPath,
    [
      'dist/cli.js',
      'proxy',
      '--port',
      '0',
      '--openai-upstream',
      `${upstream.origin}/v1`,
      '--anthropic-upstream',
      upstream.origin,
      ...args,
    ],
    { env: { ...process.env, CHATMETER_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = childOutput(child);
  let seen = '';
  const lines: ((text: string) => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    seen += chunk.toString('utf8');
    for (const check of [...lines]) check(seen);
  });
  /** Resolves when stdout matches `pattern`. */
  const printed = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve) => {
      const check = (text: string) => {
        const match = pattern.exec(text);
        if (!match) return;
        lines.splice(lines.indexOf(check), 1);
        resolve(match);
      };
      lines.push(check);
      check(seen);
    });
  const [, origin] = await printed(/chatmeter proxy on (http:\/\/\S+) /);
  return { child, output, printed, origin: origin! };
}

describe('chatmeter proxy (built CLI)', () => {
  it('meters SDK calls, prints a line per call and the summary on SIGTERM, and fills the ledger', async () => {
    const home = newHome();
    const proxy = await startCliProxy(home, ['--tag', 'e2e']);
    upstream.serve(loadFixture('anthropic/messages-stream-basic.sse'));
    const anthropic = new Anthropic({ apiKey: 'sk-ant-e2e', baseURL: proxy.origin, maxRetries: 0 });
    await anthropic.messages
      .stream({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage();
    upstream.serve(loadFixture('openai/chat-basic.json'));
    const openai = new OpenAI({ apiKey: 'sk-e2e', baseURL: `${proxy.origin}/v1`, maxRetries: 0 });
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    await proxy.printed(/gpt-4o-mini · in 146 · out 3 .*\(2 calls\) · today \$/);
    const port = new URL(proxy.origin).port;
    expect(runCli(home, ['status']).stdout).toMatch(new RegExp(`· proxy :${port} 2 calls \\$`));
    proxy.child.kill('SIGTERM');
    const { code, stdout, stderr } = await proxy.output;
    expect(code).toBe(143);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/e2e claude-haiku-4-5 · in 10 · out 4 · /);
    expect(stdout).toMatch(/^total\s+2\s/m);
    expect(stdout).toMatch(/By tool\n\ntool .*\n-+.*\ne2e\s+2\s+156\s/);
    expect(stdout).not.toContain('sk-e2e');
    expect(runCli(home, ['status']).stdout).not.toContain('proxy');
    const report = runCli(home, ['usage', '--by', 'tool', '--period', 'all', '--format', 'json']);
    const json = JSON.parse(report.stdout) as { rows: { key: string; calls: { ok: number } }[] };
    expect(json.rows.map((row) => [row.key, row.calls.ok])).toEqual([['e2e', 2]]);
  });

  it('refuses to listen beyond loopback without a token (exit 2)', () => {
    const result = runCli(newHome(), ['proxy', '--host', '0.0.0.0', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--token <secret>/);
  });

  it('says which port is busy (exit 2)', async () => {
    const home = newHome();
    const first = await startCliProxy(home);
    const port = new URL(first.origin).port;
    const second = runCli(home, ['proxy', '--port', port]);
    first.child.kill('SIGINT');
    expect((await first.output).code).toBe(0);
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(
      `chatmeter: Port ${port} on 127.0.0.1 is in use; choose another with --port <n> (0 picks a free one).\n`,
    );
    // Only the first proxy's session is in the ledger: the second one never opened it.
    const ledger = openLedger(`${home}/usage.db`, { chatmeterVersion: 'test' });
    const sessions = ledger.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number };
    ledger.close();
    expect(sessions.n).toBe(1);
  });

  it('keeps metering in memory when CHATMETER_HOME is a file, warning about the ledger and the state file', async () => {
    const home = join(newHome(), 'not-a-folder');
    writeFileSync(home, 'x');
    const proxy = await startCliProxy(home);
    upstream.serve(loadFixture('openai/chat-basic.json'));
    const openai = new OpenAI({ apiKey: 'sk-e2e', baseURL: `${proxy.origin}/v1`, maxRetries: 0 });
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    await proxy.printed(/gpt-4o-mini · in 146 · out 3 .*\(1 call\)/);
    proxy.child.kill('SIGINT');
    const { code, stdout, stderr } = await proxy.output;
    expect(code).toBe(0);
    expect(stdout).toContain('Each call is metered in memory only.');
    expect(stdout).toMatch(/^total\s+1\s/m);
    expect(stderr).toContain('Usage is metered in memory only.');
    expect(stderr).toMatch(/cannot write .*proxies\/\d+\.json .*`chatmeter status` will not show this proxy/);
    expect(stderr).not.toContain('unexpected error');
  });

  it('shows upstream URLs without their password or query string', async () => {
    const { port } = new URL(upstream.origin);
    const home = newHome();
    const proxy = await startCliProxy(home, [
      '--openai-upstream',
      `http://user:PASSWORD@127.0.0.1:${port}/v1?key=SECRET`,
      '--anthropic-upstream',
      `http://apikey@127.0.0.1:${port}`,
    ]);
    expect(runCli(home, ['status']).stdout).toContain(`proxy :${new URL(proxy.origin).port} 0 calls`);
    proxy.child.kill('SIGINT');
    const { code, stdout, stderr } = await proxy.output;
    expect(code).toBe(0);
    expect(stdout).toContain(`->  http://***@127.0.0.1:${port}/v1?***\n`);
    expect(stdout).toContain(`->  http://***@127.0.0.1:${port}\n`);
    expect(`${stdout}${stderr}`).not.toMatch(/PASSWORD|SECRET|apikey/);
  });

  it('shows two proxies on one home in status, a --no-ledger one with its own figures and budget', async () => {
    const home = newHome();
    const first = await startCliProxy(home);
    const second = await startCliProxy(home, ['--no-ledger', '--budget', '0.001']);
    upstream.serve(loadFixture('openai/chat-basic.json'));
    const openai = new OpenAI({ apiKey: 'sk-e2e', baseURL: `${second.origin}/v1`, maxRetries: 0 });
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    await second.printed(/gpt-4o-mini · in 146 · out 3 /);
    const [a, b] = [first, second].map((proxy) => new URL(proxy.origin).port);
    const status = JSON.parse(runCli(home, ['status', '--format', 'json']).stdout) as {
      budget: { scope: string; limitUsd: string }[];
      proxies: { origin: string; calls: number; costUsd: string }[];
    };
    expect(status.proxies.map((proxy) => [new URL(proxy.origin).port, proxy.calls])).toEqual([
      [a, 0],
      [b, 1],
    ]);
    expect(status.proxies[1]!.costUsd).not.toBe('0');
    expect(status.budget).toContainEqual(expect.objectContaining({ scope: 'session', limitUsd: '0.001' }));
    second.child.kill('SIGTERM');
    first.child.kill('SIGTERM');
    expect((await second.output).code).toBe(143);
    expect((await first.output).code).toBe(143);
    expect(runCli(home, ['status']).stdout).not.toContain('proxy');
  });

  it('warns about an OpenAI upstream without /v1, marks an estimated session ~ and says why a call failed', async () => {
    const home = newHome();
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const downPort = (down.address() as AddressInfo).port;
    await new Promise<void>((resolve) => down.close(() => resolve()));
    const proxy = await startCliProxy(home, [
      '--openai-upstream',
      upstream.origin,
      '--anthropic-upstream',
      `http://127.0.0.1:${downPort}`,
    ]);
    upstream.serve(replayResponse('not JSON', 200, { 'content-type': 'text/plain' }));
    const body = JSON.stringify({ model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    const post = (path: string) =>
      fetch(`${proxy.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await (await post('/v1/chat/completions')).text();
    await proxy.printed(/gpt-4o-mini · .*session ~<?\$/);
    expect((await post('/v1/messages')).status).toBe(502);
    await proxy.printed(/failed \(unreachable\) /);
    proxy.child.kill('SIGINT');
    const { code, stderr } = await proxy.output;
    expect(code).toBe(0);
    expect(stderr).toContain(
      `chatmeter: warning: --openai-upstream ${upstream.origin} does not end in /v1; OpenAI calls go to ${upstream.origin}/chat/completions.`,
    );
  });
});
