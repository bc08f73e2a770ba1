import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, describe, expect, it } from 'vitest';
import { MESSAGE_OVERHEAD_TOKENS } from '../../src/core/tokens/estimate';

// The bundle carries the o200k rank table built at build time (scripts/o200k-table.mjs) instead of
// the package's ranks: the built CLI must count exactly what the package counts.
const home = mkdtempSync(join(tmpdir(), 'chatmeter-tokenizer-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the bundled tokenizer', () => {
  it.each([
    'hi',
    'Hello there, how many tokens is this sentence — with ünïcödé and 日本語?',
    'emoji 👩‍👩‍👧‍👦 and ZWJ, tabs\tand\nnewlines, code: `const x = a?.b ?? 0;`',
    'Здравствуйте! مرحبا بالعالم. 안녕하세요. สวัสดีครับ',
  ])('counts the prompt %j as the gpt-tokenizer package does', (text) => {
    const out = execFileSync(
      process.execPath,
      ['dist/cli.js', '-p', text, '--mock', '--json', '--no-ledger'],
      { encoding: 'utf8', env: { ...process.env, CHATMETER_HOME: home } },
    );
    const { usage } = JSON.parse(out) as { usage: { inputTokens: number } };
    expect(usage.inputTokens).toBe(countTokens(text) + MESSAGE_OVERHEAD_TOKENS);
  });
});
