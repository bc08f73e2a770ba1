import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/core/ledger/ledger';
import { LedgerSink } from '../../src/core/ledger/sink';
import { addTotals, type CallTotals, EMPTY_TOTALS } from '../../src/core/ledger/totals';
import type { CallRecord } from '../../src/core/usage/types';
import { calendarFor, isoWeekKey } from '../../src/reports/usage-period';
import { buildUsageReport, REPORT_GROUPS, type ReportBy } from '../../src/reports/usage-report';
import { callArb } from './usage-fixtures';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

function totalsOf(call: CallRecord): CallTotals {
  return {
    calls: {
      ok: call.outcome === 'ok' ? 1 : 0,
      failed: call.outcome === 'failed' ? 1 : 0,
      aborted: call.outcome === 'aborted' ? 1 : 0,
    },
    usage: call.usage,
    costPicoUsd: call.costPicoUsd ?? 0n,
    unpricedCalls: call.costPicoUsd === null ? 1 : 0,
    estimatedCalls: call.estimated ? 1 : 0,
    cacheSavingsPicoUsd: call.cacheSavingsPicoUsd,
    simulatedCostPicoUsd: call.simulatedCostPicoUsd ?? 0n,
  };
}

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
    groups.set(key, addTotals(groups.get(key) ?? EMPTY_TOTALS, totalsOf(call)));
  }
  return groups;
}

function check(calls: readonly CallRecord[], includeMock: boolean, timeZone: string): void {
  const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
  for (const call of calls)
    new LedgerSink(ledger, call.provider === 'mock' ? 'mock' : 'real').record(call);
  const fromMs = Date.UTC(2026, 10, 5, 7, 45);
  const toMs = Date.UTC(2026, 10, 15, 18, 15);
  const selected = calls.filter(
    (c) => (includeMock || c.provider !== 'mock') && c.endedAtMs >= fromMs && c.endedAtMs < toMs,
  );
  const calendar = calendarFor(timeZone === 'UTC');
  for (const by of REPORT_GROUPS) {
    const report = buildUsageReport(ledger.db, {
      selection: { fromMs, toMs, includeMock },
      by,
      calendar,
      from: null,
      to: null,
    });
    const expected = oracle(selected, by, timeZone);
    expect(new Map(report.rows.map((row) => [row.key, row.totals])), by).toEqual(expected);
    expect(report.totals).toEqual([...expected.values()].reduce(addTotals, EMPTY_TOTALS));
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
