import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { childOutput } from '../helpers/child-output';
import { homeFolders, runCli } from './usage-helpers';

const home = homeFolders('chatmeter-stale-');

interface SessionRow {
  readonly id: string;
  readonly started_at: number;
  readonly ended_at: number | null;
  readonly ended_abnormally: number;
}

function sessions(dir: string): SessionRow[] {
  const db = new DatabaseSync(`${dir}/usage.db`, { readOnly: true });
  try {
    return db
      .prepare('SELECT id, started_at, ended_at, ended_abnormally FROM sessions ORDER BY rowid')
      .all() as unknown as SessionRow[];
  } finally {
    db.close();
  }
}

describe('a session whose process was killed', () => {
  it('gets its end filled in, marked abnormal, when chatmeter next starts', async () => {
    const dir = home();
    const child = spawn(process.execPath, ['dist/cli.js', '-p', 'hi', '--mock'], {
      env: { ...process.env, CHATMETER_HOME: dir, CHATMETER_MOCK_DELAY_MS: '500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = childOutput(child);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.kill('SIGKILL');
    await output;
    const [killed] = sessions(dir);
    expect(killed).toMatchObject({ ended_at: null, ended_abnormally: 0 });

    expect(runCli(dir, ['-p', 'hi', '--mock'], { CHATMETER_MOCK_DELAY_MS: '0' }).code).toBe(0);
    const [closed, next] = sessions(dir);
    expect(closed).toMatchObject({ id: killed!.id, ended_abnormally: 1 });
    expect(closed!.ended_at).toBe(closed!.started_at);
    expect(next).toMatchObject({ ended_abnormally: 0 });
    expect(next!.ended_at).not.toBeNull();
  });
});
