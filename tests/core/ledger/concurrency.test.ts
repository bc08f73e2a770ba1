import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../src/core/ledger/ledger';
import { buildAppender, startAppender, waitFor } from './child';
import { tempDir } from './helpers';

function countRows(file: string, sessionId?: string): number {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const sql = sessionId
      ? 'SELECT COUNT(*) AS n FROM calls WHERE session_id = ?'
      : 'SELECT COUNT(*) AS n FROM calls';
    const row = db.prepare(sql).get(...(sessionId ? [sessionId] : [])) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

describe('ledger under several processes', () => {
  const temp = tempDir();
  let script = '';
  beforeAll(async () => {
    script = await buildAppender(temp.dir);
  });
  afterAll(() => temp.cleanup());

  it('keeps every row when two processes append 500 calls each at the same time', async () => {
    const file = `${temp.dir}/concurrent/usage.db`;
    const a = startAppender(script, [file, '500', 'session-a', 'exit']);
    const b = startAppender(script, [file, '500', 'session-b', 'exit']);
    const codes = await Promise.all([a.exited, b.exited]);
    expect(codes, [...a.lines, ...b.lines].join('\n')).toEqual([0, 0]);
    expect(countRows(file)).toBe(1000);
    expect(countRows(file, 'session-a')).toBe(500);
    expect(countRows(file, 'session-b')).toBe(500);
  });

  it('leaves exactly the N recorded calls and an openable file after SIGKILL', async () => {
    const file = `${temp.dir}/killed/usage.db`;
    const run = startAppender(script, [file, '37', 'session-k', 'wait']);
    await waitFor(() => run.lines.includes('done 37'));
    run.child.kill('SIGKILL');
    await run.exited;
    expect(countRows(file)).toBe(37);
    const ledger = openLedger(file, { chatmeterVersion: 'test' });
    const check = ledger.db.prepare('PRAGMA integrity_check').get() as Record<string, string>;
    ledger.close();
    expect(Object.values(check)).toEqual(['ok']);
  });

  it('loses no acknowledged call when killed in the middle of writing', async () => {
    const file = `${temp.dir}/midway/usage.db`;
    const run = startAppender(script, [file, '100000', 'session-m', 'wait']);
    await waitFor(() => run.lines.length >= 200);
    run.child.kill('SIGKILL');
    await run.exited;
    const acknowledged = run.lines.filter((line) => line.startsWith('recorded ')).length;
    const rows = countRows(file);
    // The call being written when the signal landed may or may not have committed.
    expect(rows).toBeGreaterThanOrEqual(acknowledged);
    expect(rows).toBeLessThanOrEqual(acknowledged + 1);
    expect(() => openLedger(file, { chatmeterVersion: 'test' }).close()).not.toThrow();
  });
});
