import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/core/ledger/ledger';
import { selectionTotals } from '../../src/core/ledger/queries';
import { LedgerSink } from '../../src/core/ledger/recording';
import {
  addTotals,
  type CallTotals,
  callCount,
  EMPTY_TOTALS,
  totalsOfCall,
} from '../../src/core/usage/totals';
import type { CallRecord } from '../../src/core/usage/types';
import { calendarFor, isoWeekKey } from '../../src/reports/history/period';
import { REPORT_GROUPS, type ReportBy } from '../../src/reports/history/report';
import { buildUsageReport } from '../../src/cli/usage-reports';
import { makeCall } from '../core/ledger/helpers';
import { callArb, withDistinctIds } from './usage-fixtures';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

/** Day key of an instant in a zone, through Intl (independent of the report's Date arithmetic). */
function zonedDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

function oracleKey(
  call: CallRecord,
  by: ReportBy,
  timeZone: string,
  ambiguous: Set<string>,
): string {
  const day = zonedDay(call.endedAtMs, timeZone);
  switch (by) {
    case 'day':
      return day;
    case 'month':
      return day.slice(0, 7);
    case 'week': {
      const [y, m, d] = day.split('-').map(Number);
      return isoWeekKey({ year: y!, month: m!, day: d! });
    }
    case 'model':
      return ambiguous.has(call.model) ? `${call.provider}/${call.model}` : call.model;
    case 'provider':
      return call.provider;
    case 'session':
      return call.sessionId;
    case 'tier':
      return call.serviceTier ?? 'not reported';
    case 'tool':
      return call.tool ?? 'chatmeter';
  }
}

function oracle(
  calls: readonly CallRecord[],
  by: ReportBy,
  timeZone: string,
): Map<string, CallTotals> {
  const providers = new Map<string, Set<string>>();
  for (const c of calls)
    providers.set(c.model, (providers.get(c.model) ?? new Set()).add(c.provider));
  const ambiguous = new Set(
    [...providers].filter(([, set]) => set.size > 1).map(([model]) => model),
  );
  const groups = new Map<string, CallTotals>();
  for (const call of calls) {
    const key = oracleKey(call, by, timeZone, ambiguous);
    groups.set(key, addTotals(groups.get(key) ?? EMPTY_TOTALS, totalsOfCall(call)));
  }
  return groups;
}

function check(generated: readonly CallRecord[], includeMock: boolean, timeZone: string): void {
  const calls = withDistinctIds(generated);
  const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
  for (const call of calls)
    new LedgerSink(ledger, call.provider === 'mock' ? 'mock' : 'real').record(call);
  const calendar = calendarFor(timeZone === 'UTC');
  // On 15-minute edges (served by the rollups) and off them (served by the calls).
  const ranges = [
    [Date.UTC(2026, 10, 5, 7, 45), Date.UTC(2026, 10, 15, 18, 15)],
    [Date.UTC(2026, 10, 5, 7, 45) + 1, Date.UTC(2026, 10, 15, 18, 15) + 7],
  ] as const;
  for (const [fromMs, toMs] of ranges) {
    const selected = calls.filter(
      (c) => (includeMock || c.provider !== 'mock') && c.endedAtMs >= fromMs && c.endedAtMs < toMs,
    );
    for (const by of REPORT_GROUPS) {
      const selection = { fromMs, toMs, includeMock };
      const report = buildUsageReport(ledger.db, { selection, by, calendar, from: null, to: null });
      const expected = oracle(selected, by, timeZone);
      expect(new Map(report.rows.map((row) => [row.key, row.totals])), by).toEqual(expected);
      const sum = [...expected.values()].reduce(addTotals, EMPTY_TOTALS);
      expect(report.totals).toEqual(sum);
      expect(selectionTotals(ledger.db, selection)).toEqual(sum);
    }
  }
  ledger.close();
}

describe('usage report totals', () => {
  it.each(['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns'])(
    'equal the sum of their rows and of the calls, in every grouping (%s)',
    (timeZone) => {
      if (timeZone !== 'UTC') process.env.TZ = timeZone;
      fc.assert(
        fc.property(
          fc.array(callArb, { minLength: 20, maxLength: 80 }),
          fc.boolean(),
          (calls, includeMock) => check(calls, includeMock, timeZone),
        ),
        { numRuns: 40 },
      );
    },
  );
});

describe('usage reports by time', () => {
  it('key every call by its own date where the calendar falls back across midnight', () => {
    // A made-up zone: UTC, except that the hour after midnight of 2026-11-10 still reads as
    // 2026-11-09 (its clock fell back across midnight), so periods cannot be cut at midnights.
    const fold = Date.UTC(2026, 10, 10);
    const utc = calendarFor(true);
    const folding = {
      dateOf: (ms: number) => utc.dateOf(ms >= fold && ms < fold + 3_600_000 ? ms - 3_600_000 : ms),
      startOf: utc.startOf,
    };
    const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
    const sink = new LedgerSink(ledger, 'real');
    const at = [fold - 60_000, fold + 60_000, fold + 7_200_000, fold + 86_400_000];
    at.forEach((endedAtMs, i) => sink.record({ ...makeCall({ endedAtMs }), callId: `c${i}` }));
    const selection = { fromMs: null, toMs: null, includeMock: false };
    const report = buildUsageReport(ledger.db, {
      selection,
      by: 'day',
      calendar: folding,
      from: null,
      to: null,
    });
    expect(report.rows.map((row) => [row.key, callCount(row.totals)])).toEqual([
      ['2026-11-09', 2],
      ['2026-11-10', 1],
      ['2026-11-11', 1],
    ]);
    ledger.close();
  });
});
