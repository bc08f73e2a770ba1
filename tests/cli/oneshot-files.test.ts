import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { childOutput } from '../helpers/child-output';
import { loadFixture } from '../helpers/replay-server';
import { useReplayServer } from '../helpers/replay-suite';

const FAKE_KEY = 'sk-test-LEAKCHECK-1234567890';
const work = mkdtempSync(join(tmpdir(), 'chatmeter-oneshot-files-'));
writeFileSync(join(work, 'notes.md'), 'the meeting moved to friday\n');
writeFileSync(join(work, 'photo.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));

/** An environment with no key or base URL from outside, and a fresh chatmeter folder. */
function cleanEnv(extra: Record<string, string> = {}): { env: NodeJS.ProcessEnv; home: string } {
  const env = { ...process.env };
  for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL']) {
    delete env[name];
  }
  const home = mkdtempSync(join(work, 'home-'));
  return { env: { ...env, CHATMETER_HOME: home, CHATMETER_MOCK_DELAY_MS: '0', ...extra }, home };
}

/** Runs the built CLI with stdin a socket that stays open unless `stdin` is given. */
function cli(args: string[], extra: Record<string, string> = {}, stdin?: string) {
  const { env, home } = cleanEnv(extra);
  const child = spawn(process.execPath, [join(process.cwd(), 'dist/cli.js'), ...args], {
    cwd: work,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (stdin !== undefined) child.stdin.end(stdin);
  return { home, run: childOutput(child) };
}

/** Runs the built CLI behind a shell pipe (stdin a real pipe, as `printf ... | chatmeter`). */
function piped(input: string, args: string[], extra: Record<string, string> = {}) {
  const { env, home } = cleanEnv(extra);
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const script = `printf '%s' "$INPUT" | "${process.execPath}" "${join(process.cwd(), 'dist/cli.js')}" ${quoted}`;
  const child = spawn('sh', ['-c', script], {
    cwd: work,
    env: { ...env, INPUT: input },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { home, run: childOutput(child) };
}

const server = useReplayServer();

describe('files in a one-shot call', () => {
  it('-f attaches a file, says what it adds on stderr, and lists it in --json', async () => {
    const { run } = cli(['-f', 'notes.md', '-p', 'when?', '--mock', '-m', 'gpt-4o', '--json']);
    const out = await run;
    expect(out.code).toBe(0);
    const block = '<file name="notes.md">\nthe meeting moved to friday\n</file>\n\n';
    const json = JSON.parse(out.stdout) as { attached: unknown; stopReason: string; cut: null };
    expect(json.attached).toEqual([{ name: 'notes.md', bytes: 28, tokens: countTokens(block) }]);
    expect(json.stopReason).toBe('end_turn');
    expect(json.cut).toBeNull();
    expect(out.stderr).toMatch(
      /^chatmeter: Attached notes\.md \(28 B, ~\d+ tokens\): would add ~\$\S+ to this call on gpt-4o \(simulated, not charged\)\.$/m,
    );
  });

  it('sends piped stdin and the -p text together, through the real SDK', async () => {
    server.serve(loadFixture('openai/chat-basic.json'));
    const { run } = piped('line one\nline two', ['-p', 'count the lines', '-m', 'gpt-4o-mini', '--no-stream'], {
      OPENAI_API_KEY: FAKE_KEY,
      OPENAI_BASE_URL: `${server.origin}/v1`,
    });
    const out = await run;
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('YES\n');
    expect(out.stderr).toMatch(/^chatmeter: Attached stdin \(17 B, ~\d+ tokens\): adds ~\$\S+ to this call at gpt-4o-mini's input price\.$/m);
    const body = JSON.parse(server.requests.at(-1)!.body) as { messages: { content: string }[] };
    expect(body.messages.at(-1)!.content).toBe(
      '<file name="stdin">\nline one\nline two\n</file>\n\ncount the lines',
    );
  });

  it('sends the same file given twice once, and says so', async () => {
    server.serve(loadFixture('openai/chat-basic.json'));
    const { run } = cli(
      ['-f', 'notes.md', '-f', './notes.md', '-p', 'when?', '-m', 'gpt-4o-mini', '--no-stream'],
      { OPENAI_API_KEY: FAKE_KEY, OPENAI_BASE_URL: `${server.origin}/v1` },
    );
    const out = await run;
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(
      /^chatmeter: \.\/notes\.md is already attached to this call: it is sent once, nothing is added\.$/m,
    );
    const body = JSON.parse(server.requests.at(-1)!.body) as { messages: { content: string }[] };
    expect(body.messages.at(-1)!.content).toBe(
      '<file name="notes.md">\nthe meeting moved to friday\n</file>\n\nwhen?',
    );
  });

  it('refuses a binary file in one line, exits 2, and sends and records nothing', async () => {
    const before = server.requests.length;
    const { run, home } = cli(['-f', 'photo.jpg', '-p', 'describe', '-m', 'gpt-4o-mini'], {
      OPENAI_API_KEY: FAKE_KEY,
      OPENAI_BASE_URL: `${server.origin}/v1`,
    });
    const out = await run;
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'chatmeter: photo.jpg looks binary (not UTF-8 text): only text files can be attached.\n',
    );
    expect(out.stdout).toBe('');
    expect(server.requests.length).toBe(before);
    expect(existsSync(join(home, 'usage.db'))).toBe(false);
  });

  it('refuses piped stdin over files.maxBytes, and sends nothing', async () => {
    const config = mkdtempSync(join(work, 'config-'));
    writeFileSync(join(config, 'config.json'), JSON.stringify({ files: { maxBytes: 50 } }));
    const out = await piped('x'.repeat(51), ['-p', 'hi', '--mock'], { CHATMETER_HOME: config }).run;
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'chatmeter: stdin is 51 B, over the 50 B limit for attachments; raise it with chatmeter config set files.maxBytes 51.\n',
    );
    expect(out.stdout).toBe('');
  });

  it('does not wait for stdin a parent left open when -p is given', async () => {
    const { run } = cli(['-p', 'hello', '--mock']);
    const out = await run;
    expect(out.code).toBe(0);
    expect(out.stderr).not.toContain('Attached');
  });
});

describe('a reply cut short in a one-shot call', () => {
  it('marks the usage line and says so in --json (mock, past --max-tokens)', async () => {
    const plain = await cli(['-p', 'tell me everything', '--mock', '--max-tokens', '8'], {}, '').run;
    expect(plain.code).toBe(0);
    expect(plain.stderr.trimEnd()).toMatch(/^mock · in \d+ · out 8 · \$0 \(mock mode\) · [\d.]+m?s · cut: max tokens$/m);
    const json = await cli(['-p', 'tell me everything', '--mock', '--max-tokens', '8', '--json'], {}, '').run;
    expect(JSON.parse(json.stdout)).toMatchObject({ stopReason: 'max_tokens', cut: 'max_tokens', attached: [] });
  });
});
