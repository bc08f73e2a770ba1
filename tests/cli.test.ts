import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { version } from '../package.json';

describe('chatmeter --version', () => {
  it('prints the package version', () => {
    const out = execFileSync(process.execPath, ['dist/cli.js', '--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe(version);
  });
});
