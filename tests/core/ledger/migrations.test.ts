import { readFileSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../src/core/ledger/errors';
import { openLedger } from '../../../src/core/ledger/ledger';
import { selectionTotals, totalsBy } from '../../../src/core/ledger/queries';
import { migrate, SCHEMA_VERSION, schemaVersion } from '../../../src/core/ledger/schema';
import { callsOfSession } from '../../../src/core/ledger/sessions';
import { makeCall, tempDir } from './helpers';

const temp = tempDir();
afterAll(() => temp.cleanup());

/** Rows as a chatmeter at schema `version` wrote them (v2 added the mock flag). */
function insertRows(db: DatabaseSync, version: number): void {
  db.exec(`INSERT INTO sessions (id, started_at, ended_at, mode, chatmeter_version)
    VALUES ('real-s', 1000, 2000, 'real', '0.0.1'),
                                       ('mock-s', 3000, NULL, 'mock', '0.0.1');`);
  const mockColumn = version >= 2 ? ', mock' : '';
  const insert = db.prepare(`INSERT INTO calls (id, session_id, provider, model, outcome,
    input_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, output_tokens,
    reasoning_tokens, cost_pico, priced, estimated, simulated_cost_pico, cache_savings_pico,
    latency_ms, error_kind, ended_at${mockColumn})
    VALUES (?, ?, ?, ?, 'ok', 10, 0, 0, 0, 5, 0, ?, 1, 0, ?, 0, 7, NULL, ?${version >= 2 ? ', ?' : ''})`);
  const mock = (flag: number) => (version >= 2 ? [flag] : []);
  insert.run('c1', 'real-s', 'openai', 'gpt-4o', 12_345n, null, 1500, ...mock(0));
  insert.run('c2', 'mock-s', 'openai', 'gpt-4o', 0n, 99n, 3500, ...mock(1));
}

describe('ledger schema migrations', () => {
  it('creates the current schema in an empty file', () => {
    const file = `${temp.dir}/empty.db`;
    writeFileSync(file, '');
    const ledger = openLedger(file, { chatmeterVersion: 'test' });
    expect(schemaVersion(ledger.db)).toBe(SCHEMA_VERSION);
    ledger.close();
  });

  const earlier = Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1);
  it.each(earlier)('migrates a v%i ledger forward and keeps its rows', (version) => {
    const file = `${temp.dir}/v${version}.db`;
    const old = new DatabaseSync(file);
    migrate(old, version);
    insertRows(old, version);
    expect(schemaVersion(old)).toBe(version);
    old.close();

    const ledger = openLedger(file, { chatmeterVersion: 'test' });
    expect(schemaVersion(ledger.db)).toBe(SCHEMA_VERSION);
    expect(callsOfSession(ledger.db, 'real-s').map((c) => c.costPicoUsd)).toEqual([12_345n]);
    // Rows from before v5 read as list-priced text calls with no service tier.
    expect(callsOfSession(ledger.db, 'real-s')[0]).toMatchObject({
      costSource: 'list',
      listCostPicoUsd: 12_345n,
      providerCostPicoUsd: null,
      serviceTier: null,
      usage: { inputTokens: 10, outputTokens: 5 },
    });
    expect(callsOfSession(ledger.db, 'real-s')[0]?.usage.inputAudioTokens).toBeUndefined();
    // The rollups start from the old rows and follow new ones.
    const all = { fromMs: null, toMs: null, includeMock: true };
    expect(selectionTotals(ledger.db, { ...all, includeMock: false }).costPicoUsd).toBe(12_345n);
    expect(selectionTotals(ledger.db, all).simulatedCostPicoUsd).toBe(99n);
    ledger.recordCall(makeCall({ sessionId: 'real-s', costPicoUsd: 5n, endedAtMs: 4000 }), false);
    expect(selectionTotals(ledger.db, all).costPicoUsd).toBe(12_350n);
    const bySession = totalsBy(ledger.db, all, 'session').map((row) => [
      row.key,
      row.totals.costPicoUsd,
    ]);
    expect(bySession).toEqual([
      ['mock-s', 0n],
      ['real-s', 12_350n],
    ]);
    const flags = ledger.db
      .prepare('SELECT id, mock FROM calls WHERE id LIKE ? ORDER BY id')
      .all('c_');
    expect(flags).toEqual([
      { id: 'c1', mock: 0 },
      { id: 'c2', mock: 1 },
    ]);
    ledger.close();
  });

  it('refuses a newer schema and leaves the file byte for byte as it was', () => {
    const file = `${temp.dir}/newer.db`;
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}; CREATE TABLE future (x);`);
    db.close();
    const before = readFileSync(file);
    expect(() => openLedger(file, { chatmeterVersion: 'test' })).toThrow(LedgerError);
    expect(() => openLedger(file, { chatmeterVersion: 'test' })).toThrow(
      `newer chatmeter (schema v${SCHEMA_VERSION + 1}; this one knows up to v${SCHEMA_VERSION})`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
