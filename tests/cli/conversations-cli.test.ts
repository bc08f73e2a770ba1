import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childOutput } from '../helpers/child-output';
import { loadFixture } from '../helpers/replay-server';
import { useReplayServer } from '../helpers/replay-suite';

const server = useReplayServer();

/** Runs the built CLI in `home`, without API keys but `extra`, mock replies unpaced. */
function cliWith(extra: Record<string, string>, home: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CHATMETER_HOME: home, CHATMETER_MOCK_DELAY_MS: '0' };
  for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL']) {
    delete env[name];
  }
  Object.assign(env, extra);
  const child = spawn(process.execPath, ['dist/cli.js', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return childOutput(child);
}

const cli = (home: string, ...args: string[]) => cliWith({}, home, ...args);

const freshHome = () => mkdtempSync(join(tmpdir(), 'chatmeter-conv-cli-'));

async function json(home: string, ...args: string[]) {
  const run = await cli(home, ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe('saved conversations (built CLI)', () => {
  it('continues a one-shot conversation with -c -p, and lists, exports and removes it', async () => {
    const home = freshHome();
    const first = await json(home, '--mock', '--model', 'gpt-4o', '-p', 'name a colour', '--json');
    const second = await cli(home, '-c', '-p', 'another one', '--json');
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(
      /^chatmeter: Resumed conversation [0-9a-f]{8}: 1 turn, [\d,]+ tokens of context, on gpt-4o\.\n$/,
    );
    const reply = JSON.parse(second.stdout);
    expect(reply.model).toBe('gpt-4o');
    expect(reply.reply).toContain('- earlier turns in this conversation: 1\n');
    expect(reply.usage.inputTokens).toBeGreaterThan(first.usage.inputTokens + first.usage.outputTokens);

    const [listed] = await json(home, 'conversations', 'list', '--json');
    expect(listed).toMatchObject({ mode: 'mock', model: 'gpt-4o', turns: 2, firstMessage: 'name a colour' });
    expect(listed.simulatedCostUsd).not.toBeNull();

    const exported = await json(home, 'conversations', 'export', listed.id.slice(0, 6), '--format', 'json');
    expect(exported.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'name a colour'],
      ['assistant', first.reply],
      ['user', 'another one'],
      ['assistant', reply.reply],
    ]);
    expect(exported.messages[3].sessionId).toBe(reply.sessionId);
    expect(exported.messages[1].callId).toMatch(/^[0-9a-f-]{36}$/);

    const markdown = await cli(home, 'conversations', 'export', listed.id, '--format', 'markdown');
    expect(markdown.stdout).toMatch(new RegExp(`^# Conversation ${listed.id.slice(0, 8)}\\n`));
    expect(markdown.stdout).toContain('\n## You\n\nanother one\n\n## gpt-4o\n\n');

    const removed = await cli(home, 'conversations', 'rm', listed.id.slice(0, 8));
    expect(removed.code).toBe(0);
    expect(removed.stderr).toBe(
      `Deleted conversation ${listed.id}. Its calls stay in the usage ledger.\n`,
    );
    const gone = await cli(home, 'conversations', 'show', listed.id);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toBe(
      `chatmeter: No saved conversation starts with "${listed.id}". See chatmeter conversations list.\n`,
    );
  });

  it('names the saved conversation in one-shot JSON, so a script can --resume that one', async () => {
    const home = freshHome();
    const first = await json(home, '--mock', '-p', 'one', '--json');
    const [listed] = await json(home, 'conversations', 'list', '--json');
    expect(first.conversationId).toBe(listed.id);
    await json(home, '--mock', '-p', 'another conversation meanwhile', '--json');
    const resumed = await cli(home, '--resume', first.conversationId, '-p', 'two', '--json');
    expect(JSON.parse(resumed.stdout).conversationId).toBe(first.conversationId);
    const unsaved = await json(home, '--mock', '--no-save', '-p', 'three', '--json');
    expect(unsaved.conversationId).toBeNull();
  });

  it('reads the mock’s prompt cache in a resumed one-shot turn, as the provider’s would be', async () => {
    const home = freshHome();
    // About 1,500 tokens: Claude Sonnet 4.5 caches a prefix of 1,024 or more.
    const system = 'You are a careful reviewer who explains each step. '.repeat(150);
    const model = ['--mock', '--model', 'claude-sonnet-4-5'];
    const first = await json(home, ...model, '--system', system, '-p', 'one', '--json');
    expect(first.usage.cacheWrite5mTokens).toBeGreaterThan(1024);
    const second = JSON.parse((await cli(home, '-c', '-p', 'two', '--json')).stdout);
    expect(second.usage.cacheReadTokens).toBe(first.usage.cacheWrite5mTokens);
    const unsaved = freshHome();
    await json(unsaved, ...model, '--no-save', '--system', system, '-p', 'one', '--json');
    expect(readdirSync(unsaved).filter((name) => name.startsWith('mock-cache'))).toEqual([]);
  });

  it('says so when a conversation is continued with --no-save, and leaves it as saved', async () => {
    const home = freshHome();
    await json(home, '--mock', '-p', 'one', '--json');
    const unsaved = await cli(home, '-c', '--no-save', '-p', 'two', '--json');
    expect(unsaved.code).toBe(0);
    expect(unsaved.stderr).toContain(
      'Its new turns are not saved (--no-save or conversations.save false); the saved conversation stays as it was.',
    );
    const [listed] = await json(home, 'conversations', 'list', '--json');
    expect(listed).toMatchObject({ turns: 1 });
  });

  it('keeps the conversation’s model unless --model says otherwise', async () => {
    const home = freshHome();
    await json(home, '--mock', '--model', 'gpt-4o', '-p', 'hi', '--json');
    const kept = await cli(home, '-c', '-p', 'again', '--json');
    expect(JSON.parse(kept.stdout).model).toBe('gpt-4o');
    const switched = await cli(home, '-c', '--mock', '--model', 'gpt-4o-mini', '-p', 'more', '--json');
    expect(JSON.parse(switched.stdout).model).toBe('gpt-4o-mini');
    expect(switched.stderr).toContain('on gpt-4o-mini (it was on gpt-4o).');
    const [listed] = await json(home, 'conversations', 'list', '--json');
    expect(listed).toMatchObject({ turns: 3, model: 'gpt-4o-mini' });
  });

  it('says in one line what to do when there is nothing to continue or the id does not fit', async () => {
    const home = freshHome();
    const none = await cli(home, '-c', '-p', 'hi');
    expect([none.code, none.stderr]).toEqual([
      2,
      'chatmeter: No saved conversation to continue yet; run chatmeter without --continue to start one.\n',
    ]);
    await json(home, '--mock', '-p', 'one', '--json');
    await json(home, '--mock', '-p', 'two', '--json');
    const ids = (await json(home, 'conversations', 'list', '--json')).map((c: { id: string }) => c.id);
    const common = ids[0].slice(0, [...ids[0]].findIndex((c: string, i: number) => c !== ids[1][i]));
    const ambiguous = await cli(home, '--resume', common === '' ? 'not-hex' : common, '-p', 'hi');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(
      common === ''
        ? /^chatmeter: "not-hex" is not a conversation id; ids are hex/
        : /^chatmeter: "[0-9a-f-]+" starts 2 conversations \([0-9a-f-]{12}, [0-9a-f-]{12}\); give more of the id\. See chatmeter conversations list\.\n$/,
    );
    const unknown = await cli(home, '--resume', 'zz', '-p', 'hi');
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'chatmeter: "zz" is not a conversation id; ids are hex, e.g. 3f2a9c1e. See chatmeter conversations list.\n',
    ]);
  });

  it('writes no conversation with conversations.save false', async () => {
    const home = freshHome();
    expect((await cli(home, 'config', 'set', 'conversations.save', 'false')).code).toBe(0);
    await json(home, '--mock', '-p', 'hi', '--json');
    expect(existsSync(join(home, 'conversations.db'))).toBe(false);
  });

  it('chats on with one warning when the store is damaged, leaving the file as it was', async () => {
    const home = freshHome();
    const file = join(home, 'conversations.db');
    writeFileSync(file, 'not a database; the user keeps notes here by mistake');
    const before = readFileSync(file);
    const run = await cli(home, '--mock', '-p', 'hi');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('You wrote **1 word**: "hi"');
    const warnings = run.stderr.split('\n').filter((line) => line.includes('warning'));
    expect(warnings).toEqual([
      expect.stringMatching(/^chatmeter: warning: Conversations are not saved: .+ is damaged; move it aside/),
    ]);
    const resumed = await cli(home, '-c', '-p', 'hi');
    expect(resumed.code).toBe(0);
    const resumeWarnings = resumed.stderr.split('\n').filter((line) => line.includes('warning'));
    expect(resumeWarnings).toEqual([
      expect.stringMatching(/^chatmeter: warning: Cannot resume: .+ is damaged; .+ A new conversation starts, not saved\.$/),
    ]);
    expect(readFileSync(file)).toEqual(before);
  });

  it('continues a conversation in the mode of its last turn, and lists real money as real', async () => {
    const home = freshHome();
    const env = { ANTHROPIC_API_KEY: 'sk-ant-test-0000', ANTHROPIC_BASE_URL: server.origin };
    server.serve(loadFixture('anthropic/messages-basic.json'));
    expect((await cliWith(env, home, '--mock', '--model', 'claude-sonnet-4-5', '-p', 'mock')).code).toBe(0);
    const real = await cliWith(env, home, '-c', '--model', 'claude-sonnet-4-5', '--no-stream', '-p', 'real');
    expect(real.code).toBe(0);
    // messages-basic.json: 22 input x $3 + 15 output x $15 per 1M tokens = $0.000291.
    const [listed] = await json(home, 'conversations', 'list', '--json');
    expect(listed).toMatchObject({ mode: 'real', provider: 'anthropic', turns: 2, costUsd: '0.000291' });
    const table = await cli(home, 'conversations', 'list');
    expect(table.stdout).toMatch(/claude-sonnet-4-5 +2 +\$0\.00029 /);

    expect((await cliWith(env, home, '-c', '--mock', '-p', 'simulated again')).code).toBe(0);
    const again = await cliWith(env, home, '-c', '-p', 'and on', '--json');
    expect(again.stderr).toMatch(/^chatmeter: Resumed conversation [0-9a-f]{8}: 3 turns, /);
    expect([again.code, JSON.parse(again.stdout).provider]).toEqual([0, 'mock']);
  });

  it('sends a real provider the saved history through its SDK, on the conversation’s model', async () => {
    const home = freshHome();
    const env = { ANTHROPIC_API_KEY: 'sk-ant-test-0000', ANTHROPIC_BASE_URL: server.origin };
    server.serve(loadFixture('anthropic/messages-basic.json'));
    const first = await cliWith(env, home, '--model', 'claude-haiku-4-5', '--no-stream', '-p', 'who or whom?');
    expect(first.code).toBe(0);
    const resumed = await cliWith(env, home, '-c', '--no-stream', '-p', 'and whoever?');
    expect(resumed.code).toBe(0);
    const body = JSON.parse(server.requests.at(-1)!.body);
    expect(body.model).toBe('claude-haiku-4-5');
    expect(body.messages).toEqual([
      { role: 'user', content: 'who or whom?' },
      { role: 'assistant', content: first.stdout.replace(/\n$/, '') },
      { role: 'user', content: 'and whoever?' },
    ]);
  });
});
