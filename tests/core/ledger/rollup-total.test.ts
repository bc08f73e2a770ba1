import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CALL_COLUMNS, callRowValues, openLedger } from '../../../src/core/ledger/ledger';
import {
  type GroupColumn,
  mockCallCount,
  type Selection,
  selectionTotals,
  topTotalsBy,
  totalsBy,
} from '../../../src/core/ledger/queries';
import { TOTAL_ROLLUP_MIGRATION } from '../../../src/core/ledger/rollup-schema';
import { MIGRATIONS, migrate } from '../../../src/core/ledger/schema';
import { LedgerSink } from '../../../src/core/ledger/recording';
import type { CallRecord } from '../../../src/core/usage/types';
import { makeCall, tempDir } from './helpers';

const temp = tempDir();
afterAll(() => temp.cleanup());

const ALL_TIME = { fromMs: null, toMs: null } as const;
/** The same calls by another road: 15-minute rollups (aligned bounds) and the calls themselves. */
const BUCKETED = { fromMs: 0, toMs: 4_000_000_000_000 } as const;
const FROM_CALLS = { fromMs: 1, toMs: 4_000_000_000_001 } as const;
const GROUPS: GroupColumn[] = ['model', 'provider', 'session'];

const sorted = <T extends { key: string; provider: string }>(rows: T[]) =>
  [...rows].sort((a, b) => `${a.provider}/${a.key}`.localeCompare(`${b.provider}/${b.key}`));

/** Every report figure over all time, read each way: they must agree exactly. */
function expectAllTimeToMatch(db: DatabaseSync): void {
  for (const includeMock of [false, true]) {
    const each = (range: Omit<Selection, 'includeMock'>): Selection => ({ ...range, includeMock });
    const totals = selectionTotals(db, each(ALL_TIME));
    expect(totals).toEqual(selectionTotals(db, each(BUCKETED)));
    expect(totals).toEqual(selectionTotals(db, each(FROM_CALLS)));
    expect(mockCallCount(db, each(ALL_TIME))).toBe(mockCallCount(db, each(FROM_CALLS)));
    for (const by of GROUPS) {
      const rows = sorted(totalsBy(db, each(ALL_TIME), by));
      expect(rows).toEqual(sorted(totalsBy(db, each(BUCKETED), by)));
      expect(rows).toEqual(sorted(totalsBy(db, each(FROM_CALLS), by)));
      const top = topTotalsBy(db, each(ALL_TIME), by, 2);
      const topOfCalls = topTotalsBy(db, each(FROM_CALLS), by, 2);
      expect(top.groupCount).toBe(topOfCalls.groupCount);
      expect(sorted(top.rows)).toEqual(sorted(topOfCalls.rows));
    }
  }
}

const callArbitrary = fc.record({
  session: fc.integer({ min: 0, max: 4 }),
  model: fc.constantFrom('gpt-4o', 'gpt-5-mini', 'claude-sonnet-4-5'),
  mock: fc.boolean(),
  outcome: fc.constantFrom('ok', 'failed', 'aborted'),
  costPicoUsd: fc.option(fc.bigInt({ min: 0n, max: 9_000_000_000_000_000_000n }), { nil: null }),
  endedAtMs: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
  inputTokens: fc.integer({ min: 0, max: 2_000_000 }),
});

describe('all-time rollups', () => {
  it('give the same report figures as the 15-minute rollups and the calls', () => {
    fc.assert(
      fc.property(fc.array(callArbitrary, { maxLength: 25 }), (calls) => {
        const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
        const sinks = { real: new LedgerSink(ledger, 'real'), mock: new LedgerSink(ledger, 'mock') };
        for (const call of calls) {
          const record: CallRecord = makeCall({
            sessionId: `${call.mock ? 'mock' : 'real'}-${call.session}`,
            provider: call.mock ? 'mock' : call.model.startsWith('claude') ? 'anthropic' : 'openai',
            model: call.model,
            outcome: call.outcome as CallRecord['outcome'],
            costPicoUsd: call.costPicoUsd,
            endedAtMs: call.endedAtMs,
            usage: { ...makeCall().usage, inputTokens: call.inputTokens },
          });
          sinks[call.mock ? 'mock' : 'real'].record(record);
        }
        expectAllTimeToMatch(ledger.db);
        ledger.close();
      }),
      { numRuns: 60 },
    );
  });

  it('give the top groups by rank, every group tied with the last, and the count of all', () => {
    const tally = (totals: { calls: { ok: number; failed: number; aborted: number } }) =>
      totals.calls.ok + totals.calls.failed + totals.calls.aborted;
    fc.assert(
      fc.property(
        fc.array(callArbitrary, { maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        (calls, limit) => {
          const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
          const sink = new LedgerSink(ledger, 'real');
          for (const call of calls) {
            sink.record(
              makeCall({
                sessionId: `s-${call.session}`,
                outcome: call.outcome as CallRecord['outcome'],
                // Few distinct costs, so groups tie.
                costPicoUsd: call.costPicoUsd === null ? null : call.costPicoUsd % 3n,
                endedAtMs: call.endedAtMs,
              }),
            );
          }
          for (const range of [ALL_TIME, FROM_CALLS]) {
            const selection = { ...range, includeMock: false };
            const groups = totalsBy(ledger.db, selection, 'session');
            // Rank as SQL's RANK(): one more than the groups strictly ahead.
            const ahead = (a: (typeof groups)[number], b: (typeof groups)[number]) =>
              a.totals.costPicoUsd > b.totals.costPicoUsd ||
              (a.totals.costPicoUsd === b.totals.costPicoUsd && tally(a.totals) > tally(b.totals));
            const expected = groups.filter(
              (group) => groups.filter((other) => ahead(other, group)).length < limit,
            );
            const top = topTotalsBy(ledger.db, selection, 'session', limit);
            expect(top.groupCount).toBe(groups.length);
            expect(sorted(top.rows)).toEqual(sorted(expected));
          }
          ledger.close();
        },
      ),
      { numRuns: 80 },
    );
  });

  it('are filled from the existing rollups when a ledger is migrated', () => {
    const file = `${temp.dir}/before-totals.db`;
    const old = new DatabaseSync(file);
    // The schema just before the all-time rollups (found by content: migrations may be renumbered).
    migrate(old, MIGRATIONS.indexOf(TOTAL_ROLLUP_MIGRATION));
    // Only the columns the old schema has (later migrations add more).
    const present = new Set(
      (old.prepare('PRAGMA table_info(calls)').all() as { name: string }[]).map((c) => c.name),
    );
    const kept = CALL_COLUMNS.flatMap((column, index) => (present.has(column) ? [index] : []));
    const insert = old.prepare(
      `INSERT INTO calls (${kept.map((i) => CALL_COLUMNS[i]).join(', ')}) VALUES (${kept.map(() => '?').join(', ')})`,
    );
    for (let i = 0; i < 12; i++) {
      const sessionId = `s-${i % 3}`;
      old
        .prepare(`INSERT OR IGNORE INTO sessions (id, started_at, mode, chatmeter_version) VALUES (?, 0, 'real', 'test')`)
        .run(sessionId);
      const call = makeCall({ sessionId, model: i % 2 ? 'gpt-4o' : 'o3', endedAtMs: 1_700_000_000_000 + i * 3_600_000 });
      const values = callRowValues(call, false);
      insert.run(...kept.map((i) => values[i] ?? null));
    }
    old.close();
    const ledger = openLedger(file, { chatmeterVersion: 'test' });
    const count = ledger.db.prepare('SELECT COUNT(*) AS n FROM rollup_session_total').get() as { n: number };
    expect(count.n).toBe(3);
    expectAllTimeToMatch(ledger.db);
    ledger.close();
  });
});
