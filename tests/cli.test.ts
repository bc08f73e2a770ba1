import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { version } from '../package.json';

describe('chatmeter --version', () => {
  it('prints the package version', () => {
    const out = execFileSync(process.execPath, ['dist/cli.js', '--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe(version);
  });
});

describe('a mistyped subcommand', () => {
  it('is named as an unknown command with the nearest one, exit 2', () => {
    const result = spawnSync(process.execPath, ['dist/cli.js', 'usgae'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      "chatmeter: unknown command 'usgae' (Did you mean usage?); see chatmeter --help.",
    );
  });
});

describe('--base-url', () => {
  it('must be an http(s) URL: one clear line, exit 2, before anything is sent', () => {
    const result = spawnSync(
      process.execPath,
      ['dist/cli.js', '-p', 'hi', '-m', 'gpt-4o', '--base-url', 'localhost:11434'],
      { encoding: 'utf8', env: { ...process.env, OPENAI_API_KEY: 'sk-test-not-a-key' } },
    );
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "chatmeter: option '--base-url <url>' argument 'localhost:11434' is invalid. Expected an http(s) URL such as http://127.0.0.1:11434/v1.",
    );
  });
});
