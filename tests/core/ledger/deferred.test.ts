import { existsSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { deferLedgerRecording } from '../../../src/core/ledger/recording';
import { LedgerError } from '../../../src/core/ledger/errors';
import { makeCall, tempDir } from './helpers';

const temp = tempDir();
afterAll(() => temp.cleanup());
const options = {
  chatmeterVersion: 'test',
  sessionId: 's1',
  mode: 'real',
  startedAtMs: 1_000,
} as const;

function rows(file: string) {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return {
      sessions: db.prepare('SELECT id, started_at, ended_at FROM sessions').all(),
      calls: (db.prepare('SELECT COUNT(*) AS n FROM calls').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

/** A file SQLite refuses to open: text where the database should be. */
function damagedLedger(name: string): string {
  const file = `${temp.dir}/${name}`;
  writeFileSync(file, 'this is not a database, just some text that is long enough '.repeat(100));
  return file;
}

describe('deferLedgerRecording', () => {
  it('touches no file until it is opened, then writes the session row with its start time', () => {
    const file = `${temp.dir}/later.db`;
    const deferred = deferLedgerRecording(file, options);
    expect(existsSync(file)).toBe(false);
    expect(deferred.open()).toBeNull();
    expect(deferred.open()).toBeNull();
    expect(rows(file).sessions).toEqual([{ id: 's1', started_at: 1_000, ended_at: null }]);
    expect(deferred.close(2_000)).toBeNull();
    expect(rows(file).sessions).toEqual([{ id: 's1', started_at: 1_000, ended_at: 2_000 }]);
  });

  it('opens the ledger at the first recorded call when nothing opened it before', () => {
    const file = `${temp.dir}/first-call.db`;
    const deferred = deferLedgerRecording(file, options);
    deferred.sink.record(makeCall({ sessionId: 's1' }));
    deferred.sink.record(makeCall({ sessionId: 's1' }));
    expect(rows(file)).toEqual({
      sessions: [{ id: 's1', started_at: 1_000, ended_at: null }],
      calls: 2,
    });
    expect(deferred.open()).toBeNull();
    deferred.close(3_000);
    expect(rows(file).calls).toBe(2);
  });

  it('records a session without calls when it closes before anything opened the ledger', () => {
    const file = `${temp.dir}/no-calls.db`;
    expect(deferLedgerRecording(file, options).close(4_000)).toBeNull();
    expect(rows(file).sessions).toEqual([{ id: 's1', started_at: 1_000, ended_at: 4_000 }]);
  });

  it('gives the warning about a damaged ledger once, from open, and records nothing after', () => {
    const deferred = deferLedgerRecording(damagedLedger('opened.db'), options);
    expect(deferred.open()).toMatch(/is damaged .*metered in memory only\.$/);
    expect(deferred.open()).toBeNull();
    expect(() => deferred.sink.record(makeCall({ sessionId: 's1' }))).not.toThrow();
    expect(deferred.close()).toBeNull();
  });

  it('gives the warning once, from the first call, when a call comes before open', () => {
    const deferred = deferLedgerRecording(damagedLedger('call-first.db'), options);
    let thrown: unknown;
    try {
      deferred.sink.record(makeCall({ sessionId: 's1' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LedgerError);
    expect((thrown as LedgerError).message).toMatch(/is damaged .*metered in memory only$/);
    expect(() => deferred.sink.record(makeCall({ sessionId: 's1' }))).not.toThrow();
    expect(deferred.open()).toBeNull();
    expect(deferred.close()).toBeNull();
  });

  it('gives the warning at close when nothing opened the ledger before', () => {
    const deferred = deferLedgerRecording(damagedLedger('closed.db'), options);
    expect(deferred.close()).toMatch(/is damaged .*metered in memory only\.$/);
  });
});
