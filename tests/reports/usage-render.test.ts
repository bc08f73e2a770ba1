import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/core/ledger/ledger';
import { LedgerSink } from '../../src/core/ledger/recording';
import { usdToPicoUsd } from '../../src/core/pricing/money';
import type { CallRecord } from '../../src/core/usage/types';
import { calendarFor } from '../../src/reports/history/period';
import { REPORT_GROUPS, type UsageReport } from '../../src/reports/history/report';
import { buildUsageReport } from '../../src/cli/usage-reports';
import { renderUsageReport, usageReportJson } from '../../src/reports/history/report-render';
import { makeCall } from '../core/ledger/helpers';
import { callArb, markdownCells, parseCsv, withDistinctIds } from './usage-fixtures';

function reportOf(calls: readonly CallRecord[], by: (typeof REPORT_GROUPS)[number]): UsageReport {
  const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
  for (const call of withDistinctIds(calls))
    new LedgerSink(ledger, call.provider === 'mock' ? 'mock' : 'real').record(call);
  const report = buildUsageReport(ledger.db, {
    selection: { fromMs: null, toMs: null, includeMock: true },
    by,
    calendar: calendarFor(true),
    from: '2026-11-01',
    to: '2026-11-30',
  });
  ledger.close();
  return report;
}

const tricky = [
  makeCall({ model: 'plain', endedAtMs: Date.UTC(2026, 10, 2, 10) }),
  makeCall({ model: 'comma, "quote" | pipe', costPicoUsd: null, endedAtMs: Date.UTC(2026, 10, 3) }),
  makeCall({ model: 'line\nbreak', outcome: 'failed', endedAtMs: Date.UTC(2026, 10, 3) }),
  makeCall({ model: ' edge space ', estimated: true, endedAtMs: Date.UTC(2026, 10, 4) }),
];

describe('usage report formats', () => {
  it('writes CSV that parses back to the same keys and exact figures, with a header', () => {
    const report = reportOf(tricky, 'model');
    const rows = parseCsv(renderUsageReport(report, 'csv'));
    expect(rows[0]?.slice(0, 3)).toEqual(['model', 'calls_ok', 'calls_failed']);
    expect(rows.every((row) => row.length === rows[0]?.length)).toBe(true);
    expect(rows.slice(1).map((row) => row[0])).toEqual(report.rows.map((row) => row.key));
    const costColumn = rows[0]!.indexOf('cost_usd');
    // A row whose calls all lack a price has an empty cost cell, never 0 (null in JSON).
    const costs = rows.slice(1).map((row) => row[costColumn]!);
    const jsonCosts = usageReportJson(report).rows.map((row) => row.costUsd);
    expect(costs).toEqual(jsonCosts.map((usd) => usd ?? ''));
    expect(costs).toContain('');
    const sum = costs.reduce((acc, usd) => acc + (usd === '' ? 0n : usdToPicoUsd(usd)), 0n);
    expect(sum).toBe(report.totals.costPicoUsd);
  });

  it('writes a Markdown table whose lines all have the header’s cell count', () => {
    fc.assert(
      fc.property(
        fc.array(callArb, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...REPORT_GROUPS),
        (calls, by) => {
          const text = renderUsageReport(reportOf(calls, by), 'markdown');
          const table = text.split('\n').filter((line) => line.startsWith('|'));
          const width = markdownCells(table[0]!).length;
          expect(table[1]).toMatch(/^\|( :?-{3}:? \|)+$/);
          expect(table[1]!.split('|').length - 2).toBe(width);
          for (const line of [table[0]!, ...table.slice(2)])
            expect(markdownCells(line)).toHaveLength(width);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('keeps JSON rows summing exactly to the totals, with unpriced rows as null', () => {
    fc.assert(
      fc.property(
        fc.array(callArb, { maxLength: 40 }),
        fc.constantFrom(...REPORT_GROUPS),
        (calls, by) => {
          const json = JSON.parse(JSON.stringify(usageReportJson(reportOf(calls, by))));
          const pico = (usd: string | null) => (usd === null ? 0n : usdToPicoUsd(usd));
          const sum = json.rows.reduce(
            (acc: bigint, row: { costUsd: string | null }) => acc + pico(row.costUsd),
            0n,
          );
          expect(sum).toBe(pico(json.totals.costUsd));
          const okCalls = json.rows.reduce(
            (acc: number, row: { calls: { ok: number } }) => acc + row.calls.ok,
            0,
          );
          expect(okCalls).toBe(json.totals.calls.ok);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('draws the table with totals, savings and notes', () => {
    const text = renderUsageReport(reportOf(tricky.slice(0, 2), 'day'), 'table');
    expect(text).toBe(
      [
        'Usage from 2026-11-01 to 2026-11-30 by day (mock calls included)',
        '',
        'day         calls  uncached  cache read  cache write  output (reasoning)      cost',
        '----------  -----  --------  ----------  -----------  ------------------  --------',
        '2026-11-02      1     1,200         300            0                 450   $0.0073',
        '2026-11-03      1     1,200         300            0                 450  unpriced',
        '----------  -----  --------  ----------  -----------  ------------------  --------',
        'total           2     2,400         600            0                 900  ≥$0.0073',
        '',
        'Cache saved $0.00075.',
        '1 call without a price is not in the cost; add prices with --pricing FILE or the config key "pricing".',
        '',
      ].join('\n'),
    );
  });
});
