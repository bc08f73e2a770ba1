import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerSpendSource } from '../../../src/core/budget/ledger-spend';
import { dayRange, monthRange } from '../../../src/core/budget/periods';
import { type Ledger, openLedger } from '../../../src/core/ledger/ledger';
import { type CallRecord, ZERO_USAGE } from '../../../src/core/usage/types';
import { limits, monitor, USD } from './fixtures';

const NOW = Date.UTC(2026, 10, 23, 12, 0);
let home: string;
let ledger: Ledger;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'chatmeter-budget-ledger-'));
  ledger = openLedger(join(home, 'usage.db'), { chatmeterVersion: 'test' });
});
afterEach(() => {
  ledger.close();
  rmSync(home, { recursive: true, force: true });
});

let next = 0;
function record(
  sessionId: string,
  endedAtMs: number,
  costPicoUsd: bigint | null,
  extra: Partial<CallRecord> = {},
  mock = false,
): void {
  ledger.startSession(sessionId, mock ? 'mock' : 'real', endedAtMs - 1000);
  ledger.recordCall(
    {
      callId: `call-${next++}`,
      sessionId,
      provider: mock ? 'mock' : 'openai',
      model: 'gpt-4o-mini',
      outcome: 'ok',
      usage: { ...ZERO_USAGE, inputTokens: 10, outputTokens: 10 },
      estimated: false,
      costPicoUsd,
      simulatedCostPicoUsd: null,
      cacheSavingsPicoUsd: 0n,
      latencyMs: 5,
      errorKind: null,
      endedAtMs,
      ...extra,
    },
    mock,
  );
}

describe('ledgerSpendSource', () => {
  it('sums real spend in the range, leaving out mock, simulated, unpriced and this session', () => {
    record('earlier', NOW - 3_600_000, 2n * USD);
    record('earlier', NOW - 60_000, 3n * USD);
    record('yesterday', NOW - 24 * 3_600_000, 7n * USD);
    record('mocked', NOW - 60_000, 0n, { simulatedCostPicoUsd: 9n * USD }, true);
    record('unpriced', NOW - 60_000, null);
    record('this-session', NOW - 1000, USD);
    const source = ledgerSpendSource(ledger.db);
    expect(source.spentPicoUsd(dayRange(NOW, { utc: true }), 'this-session')).toBe(5n * USD);
    expect(source.spentPicoUsd(monthRange(NOW, { utc: true }), 'this-session')).toBe(12n * USD);
    expect(source.spentPicoUsd(dayRange(NOW, { utc: true }), 'other')).toBe(6n * USD);
  });

  it('is exact past 2^53 pico-USD', () => {
    const big = 2n ** 60n + 1n;
    record('earlier', NOW - 1000, big);
    record('earlier', NOW - 2000, 1n);
    expect(ledgerSpendSource(ledger.db).spentPicoUsd(dayRange(NOW, { utc: true }), 'x')).toBe(
      big + 1n,
    );
  });

  it('makes spend recorded earlier today count against the daily budget of a new session', () => {
    record('earlier', NOW - 3_600_000, 8n * USD);
    const m = monitor({
      ledger: ledgerSpendSource(ledger.db),
      utc: true,
      limits: limits({ daily: 10n * USD }),
      spent: { value: USD },
    });
    const update = m.update();
    expect(update.state.tightest).toMatchObject({ scope: 'daily', spentPicoUsd: 9n * USD });
    expect(update.notices).toEqual([expect.stringContaining('daily budget is nearly used up')]);
    // 600,000 output tokens at $2 per 1M could cost $1.20, more than the $1 left today.
    const decision = m.guard({ model: 'test-model', promptText: 'hi', maxOutputTokens: 600_000 });
    expect(decision.action).toBe('block');
    expect(decision.action === 'block' && decision.message).toContain(
      'the daily budget has $1.00 left ($9.00 spent of $10.00)',
    );
    expect(m.guard({ model: 'test-model', promptText: 'hi', maxOutputTokens: 400_000 })).toEqual({
      action: 'allow',
    });
  });
});
