import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PtySession, privateCliCopy, spawnCli } from '../helpers/pty';

// The REPL opens the ledger only after its first frame (start-up time); these check that
// nothing is lost by that: the session row, and the warning about a ledger it cannot open.
let bundle = '';
let cli: PtySession | null = null;
const homes: string[] = [];
beforeAll(() => {
  bundle = privateCliCopy();
});
afterEach(() => {
  cli?.dispose();
  cli = null;
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function freshHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'chatmeter-ledger-repl-'));
  homes.push(home);
  return home;
}

describe('the interactive chat and the ledger it opens after the first frame', () => {
  it('records a session that makes no call, with its start and end', async () => {
    const home = freshHome();
    cli = spawnCli({ cli: bundle, args: ['--mock'], env: { CHATMETER_HOME: home } });
    await cli.waitForText(/MOCK [│|] /);
    cli.press('ctrl+d');
    expect(await cli.exited()).toBe(0);
    const db = new DatabaseSync(join(home, 'usage.db'), { readOnly: true });
    const sessions = db.prepare('SELECT started_at, ended_at, mode FROM sessions').all();
    const calls = db.prepare('SELECT COUNT(*) AS n FROM calls').get();
    db.close();
    expect(sessions).toHaveLength(1);
    const [session] = sessions as { started_at: number; ended_at: number; mode: string }[];
    expect(session?.mode).toBe('mock');
    expect(session?.ended_at).toBeGreaterThanOrEqual(session?.started_at ?? Infinity);
    expect(calls).toEqual({ n: 0 });
  });

  it('shows the warning about a damaged ledger in the transcript once and keeps chatting', async () => {
    const home = freshHome();
    const file = join(home, 'usage.db');
    const garbage = Buffer.alloc(8192, 'not sqlite ');
    writeFileSync(file, garbage);
    cli = spawnCli({ cli: bundle, args: ['--mock'], env: { CHATMETER_HOME: home } });
    await cli.waitForText(/is damaged [\s\S]*metered in memory only/);
    await cli.sendLine('hello');
    await cli.waitForText(/mock \W in \d+ \W out \d+/);
    cli.press('ctrl+d');
    expect(await cli.exited()).toBe(0);
    expect(cli.output().match(/is damaged/g)).toHaveLength(1);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });
});
