import { describe, expect, it } from 'vitest';
import { type CallTotals, EMPTY_TOTALS } from '../../src/core/usage/totals';
import { byCostDescending, type ReportRow } from '../../src/reports/history/report';

function row(key: string, totals: Partial<CallTotals>, calls = 1): ReportRow {
  return {
    key,
    totals: { ...EMPTY_TOTALS, calls: { ok: calls, failed: 0, aborted: 0 }, ...totals },
  };
}

describe('report rows, most expensive first', () => {
  it('orders by real cost, then simulated cost (mock), then calls, then key', () => {
    const rows = [
      row('a-mock-cheap', { simulatedCostPicoUsd: 5n }),
      row('b-real', { costPicoUsd: 10n }),
      row('c-mock-dear', { simulatedCostPicoUsd: 50n }),
      row('d-busy', {}, 3),
      row('e-idle', {}),
    ];
    expect(rows.sort(byCostDescending).map((r) => r.key)).toEqual([
      'b-real',
      'c-mock-dear',
      'a-mock-cheap',
      'd-busy',
      'e-idle',
    ]);
  });
});
