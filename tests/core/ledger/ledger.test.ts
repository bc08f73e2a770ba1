import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../../../src/core/ledger/errors';
import { openLedger } from '../../../src/core/ledger/ledger';
import { hasCalls, selectionSpan, selectionTotals } from '../../../src/core/ledger/queries';
import { callsOfSession, findSession } from '../../../src/core/ledger/sessions';
import { LedgerSink } from '../../../src/core/ledger/recording';
import { makeCall, tempDir } from './helpers';

const ALL = { fromMs: null, toMs: null, includeMock: true } as const;
const temp = tempDir();
afterAll(() => temp.cleanup());

describe('openLedger', () => {
  it('creates a private folder (0700) and a private file (0600) in WAL mode', () => {
    const file = `${temp.dir}/new/deeper/usage.db`;
    const ledger = openLedger(file, { chatmeterVersion: 'test' });
    const mode = ledger.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string };
    ledger.close();
    expect(mode.journal_mode).toBe('wal');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${temp.dir}/new/deeper`).mode & 0o777).toBe(0o700);
  });
});

describe('recording calls', () => {
  it('reads back every field of a recorded call exactly', () => {
    const ledger = openLedger(`${temp.dir}/roundtrip.db`, { chatmeterVersion: 'test' });
    const sink = new LedgerSink(ledger, 'real');
    const calls = [
      makeCall({ sessionId: 's1', endedAtMs: 1_000 }),
      makeCall({
        sessionId: 's1',
        outcome: 'aborted',
        estimated: true,
        costPicoUsd: null,
        errorKind: 'cancelled',
        usage: {
          inputTokens: 1,
          cacheReadTokens: 2,
          cacheWrite5mTokens: 3,
          cacheWrite1hTokens: 4,
          outputTokens: 6,
          reasoningTokens: 5,
        },
        endedAtMs: 2_000,
      }),
      makeCall({
        sessionId: 's1',
        outcome: 'failed',
        costPicoUsd: 0n,
        errorKind: 'auth',
        endedAtMs: 3_000,
      }),
      makeCall({
        sessionId: 's1',
        usage: {
          inputTokens: 700,
          cacheReadTokens: 300,
          cacheWrite5mTokens: 0,
          cacheWrite1hTokens: 0,
          outputTokens: 500,
          reasoningTokens: 0,
          inputAudioTokens: 600,
          outputAudioTokens: 400,
        },
        costPicoUsd: 3_775_600_000n,
        costSource: 'provider',
        listCostPicoUsd: 3_500_000_000n,
        providerCostPicoUsd: 3_775_600_000n,
        serviceTier: 'flex',
        stopReason: 'max_tokens',
        endedAtMs: 4_000,
      }),
      makeCall({ sessionId: 's1', costPicoUsd: null, listCostPicoUsd: null, endedAtMs: 5_000 }),
      makeCall({
        sessionId: 's1',
        costPicoUsd: 9n,
        costSource: 'provider',
        listCostPicoUsd: null,
        providerCostPicoUsd: 9n,
        endedAtMs: 6_000,
      }),
    ];
    for (const call of calls) sink.record(call);
    expect(callsOfSession(ledger.db, 's1')).toEqual(calls);
    ledger.close();
  });

  it('sums money exactly past what a 64-bit integer holds', () => {
    const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
    const sink = new LedgerSink(ledger, 'real');
    const big = 6_000_000_000_000_000_123n; // 6 million USD in pico-USD, > 2^62
    sink.record(makeCall({ costPicoUsd: big, cacheSavingsPicoUsd: big }));
    sink.record(makeCall({ costPicoUsd: big, cacheSavingsPicoUsd: 1n }));
    const totals = selectionTotals(ledger.db, ALL);
    expect(totals.costPicoUsd).toBe(2n * big);
    expect(totals.cacheSavingsPicoUsd).toBe(big + 1n);
    ledger.close();
  });

  it('still answers when a sum passes 2^53 (read again as BigInt)', () => {
    const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
    const sink = new LedgerSink(ledger, 'real');
    const usage = { ...makeCall().usage, inputTokens: 2 ** 52 };
    sink.record(makeCall({ usage }));
    sink.record(makeCall({ usage }));
    expect(selectionTotals(ledger.db, ALL).usage.inputTokens).toBe(2 ** 53);
    expect(selectionTotals(ledger.db, { ...ALL, toMs: Date.now() + 1 }).usage.inputTokens).toBe(
      2 ** 53,
    );
    ledger.close();
  });

  it('keeps mock calls out of a selection unless asked for', () => {
    const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
    new LedgerSink(ledger, 'real').record(makeCall({ sessionId: 'real' }));
    new LedgerSink(ledger, 'mock').record(makeCall({ sessionId: 'mocked', provider: 'mock' }));
    expect(selectionTotals(ledger.db, { ...ALL, includeMock: false }).calls.ok).toBe(1);
    expect(selectionTotals(ledger.db, ALL).calls.ok).toBe(2);
    expect(findSession(ledger.db, 'mocked').mode).toBe('mock');
    ledger.close();
  });

  it.each([
    ['on 15-minute edges (read from the rollups)', 15 * 60_000],
    ['off the edges (read from the calls)', 1],
  ])('tells whether a selection has calls, and its first and last, %s', (_, unit) => {
    const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
    const day = Date.UTC(2026, 10, 20);
    const hour = 3_600_000;
    new LedgerSink(ledger, 'real').record(makeCall({ sessionId: 'a', endedAtMs: day + 1 * hour }));
    new LedgerSink(ledger, 'real').record(makeCall({ sessionId: 'b', endedAtMs: day + 5 * hour }));
    new LedgerSink(ledger, 'mock').record(
      makeCall({ sessionId: 'm', provider: 'mock', endedAtMs: day + 9 * hour }),
    );
    const range = (fromHours: number, toHours: number, includeMock = false) => ({
      fromMs: day + Math.round((fromHours * hour) / unit) * unit,
      toMs: day + Math.round((toHours * hour) / unit) * unit,
      includeMock,
    });
    expect(hasCalls(ledger.db, range(0, 2))).toBe(true);
    expect(hasCalls(ledger.db, range(2, 5))).toBe(false);
    expect(hasCalls(ledger.db, range(6, 10))).toBe(false);
    expect(hasCalls(ledger.db, range(6, 10, true))).toBe(true);
    expect(selectionSpan(ledger.db, range(0, 24))).toEqual({ firstMs: day + hour, lastMs: day + 5 * hour });
    expect(selectionSpan(ledger.db, range(0, 24, true))?.lastMs).toBe(day + 9 * hour);
    expect(selectionSpan(ledger.db, range(2, 5))).toBeNull();
    ledger.close();
  });

  it('throws one LedgerError on the first failed write, then stops writing', () => {
    const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
    const sink = new LedgerSink(ledger, 'real');
    sink.record(makeCall());
    ledger.db.exec('DROP TABLE calls');
    expect(() => sink.record(makeCall())).toThrow(LedgerError);
    expect(sink.disabled).toBe(true);
    expect(() => sink.record(makeCall())).not.toThrow();
    ledger.close();
  });
});

describe('findSession', () => {
  const ledger = openLedger(':memory:', { chatmeterVersion: 'test' });
  ledger.startSession('abc-111', 'real', 1_000);
  ledger.startSession('abc-222', 'mock', 2_000);
  ledger.startSession('xyz_%', 'real', 500);

  it.each([
    ['last', 'abc-222'],
    ['abc-1', 'abc-111'],
    ['abc-222', 'abc-222'],
    ['xyz_%', 'xyz_%'],
  ])('finds %s', (ref, id) => {
    expect(findSession(ledger.db, ref).id).toBe(id);
  });

  it.each([
    ['abc', /several sessions/],
    ['nope', /No session matches "nope"/],
    ['xyz%%', /No session matches/],
  ])('refuses %s with one clear line', (ref, message) => {
    expect(() => findSession(ledger.db, ref)).toThrow(message);
  });
});
