import { readFileSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src/core/ledger/schema';
import { startLedgerRecording } from '../../../src/core/ledger/recording';
import { makeCall, tempDir } from './helpers';

const temp = tempDir();
afterAll(() => temp.cleanup());
const options = { chatmeterVersion: 'test', sessionId: 's1', mode: 'real' } as const;

describe('startLedgerRecording', () => {
  it('records a session row and its calls, and ends the session on close', () => {
    const file = `${temp.dir}/ok.db`;
    const { recording, warning } = startLedgerRecording(file, { ...options, nowMs: () => 5_000 });
    expect(warning).toBeNull();
    recording?.sink.record(makeCall({ sessionId: 's1' }));
    expect(recording?.close(9_000)).toBeNull();
    const db = new DatabaseSync(file, { readOnly: true });
    expect(db.prepare('SELECT started_at, ended_at, mode FROM sessions').all()).toEqual([
      { started_at: 5_000, ended_at: 9_000, mode: 'real' },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM calls').get()).toEqual({ n: 1 });
    db.close();
  });

  it('gives one warning and leaves a damaged file untouched', () => {
    const file = `${temp.dir}/corrupt.db`;
    writeFileSync(file, 'this is not a database, just some text that is long enough '.repeat(100));
    const before = readFileSync(file);
    const { recording, warning } = startLedgerRecording(file, options);
    expect(recording).toBeNull();
    expect(warning).toMatch(/is damaged .*Move it aside.*metered in memory only\.$/);
    expect(warning?.split('\n')).toHaveLength(1);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('gives one warning for a ledger written by a newer chatmeter and never downgrades it', () => {
    const file = `${temp.dir}/newer.db`;
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const before = readFileSync(file);
    const { recording, warning } = startLedgerRecording(file, options);
    expect(recording).toBeNull();
    expect(warning).toMatch(/newer chatmeter .*Upgrade chatmeter/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('gives one warning when the folder cannot be created', () => {
    const blocker = `${temp.dir}/a-file`;
    writeFileSync(blocker, 'x');
    const { recording, warning } = startLedgerRecording(`${blocker}/sub/usage.db`, options);
    expect(recording).toBeNull();
    expect(warning).toMatch(/cannot be opened .*Check the folder's permissions/);
  });
});
