import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../src/cli/node-version';

describe('nodeVersionProblem', () => {
  it.each(['22.15.0', '22.20.1', '23.0.0', '24.21.0', '30.1.2'])('accepts Node %s', (version) => {
    expect(nodeVersionProblem(version)).toBeNull();
  });

  it.each(['20.20.2', '22.12.0', '22.14.0', '18.0.0'])('names the version needed on Node %s', (version) => {
    expect(nodeVersionProblem(version)).toBe(
      `chatmeter needs Node.js 22.15.0 or later; this is ${version}. Install a newer Node (e.g. npm install node@24) and run it again.`,
    );
  });
});

/** A Node older than 22.15 on this machine (its own Node 20), if there is one. */
function oldNode(): string | undefined {
  const found = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n');
  return [...found, '/usr/bin/node', '/usr/local/bin/node'].find((path) => {
    if (!path || !existsSync(path)) return false;
    const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout;
    return nodeVersionProblem(version.trim()) !== null;
  });
}

const old = oldNode();

describe.skipIf(old === undefined)(`the built CLI on an older Node (${old})`, () => {
  it.each([[['dist/cli.js', '--version']], [['dist/cli.js', '-p', 'hi', '--mock']], [['scripts/start.mjs', '--help']]])(
    'prints our one line and exits 1, before any import that Node lacks: %j',
    (args) => {
      const run = spawnSync(old!, args, { encoding: 'utf8' });
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^chatmeter needs Node\.js 22\.15\.0 or later; this is \d+\.\d+\.\d+\. Install a newer Node \(e\.g\. npm install node@24\) and run it again\.\n$/);
      expect(run.status).toBe(1);
    },
  );
});
