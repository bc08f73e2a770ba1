import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Ledger, openLedger } from '../../src/core/ledger/ledger';
import type { CallRecord } from '../../src/core/usage/types';
import { REPORT_FORMATS } from '../../src/reports/text/grid';
import { calendarFor, resolveRange } from '../../src/reports/history/period';
import { REPORT_GROUPS } from '../../src/reports/history/report';
import { renderUsageReport } from '../../src/reports/history/report-render';
import { renderSessionsReport } from '../../src/reports/history/sessions';
import { buildUsageReport, sessionsReport } from '../../src/cli/usage-reports';

// Reports over a generated year of calls, in zones with and without DST (New York, Berlin,
// Lord Howe's half-hour shift, Santiago's change at midnight) and with 45-minute offsets, must
// stay byte for byte what they were before reports moved into SQL: the expected hashes in
// tests/fixtures/reports/golden.json were written by the earlier code (commit "Golden report
// hashes"), and CHATMETER_WRITE_GOLDEN=1 rewrites them only on purpose.
const GOLDEN = 'tests/fixtures/reports/golden.json';
const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kathmandu',
];
const MODELS = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-5-mini'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['anthropic', 'claude-opus-4-1'],
  ['openai', 'my-unpriced-model'],
  ['mock', 'gpt-4o'],
] as const;

/** A deterministic pseudo-random sequence (a 32-bit LCG), so the ledger is the same each run. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state;
  };
}

/** 4,000 calls over 2026 in 160 sessions; some costs tie, some sums pass 2^63 pico-USD. */
function generatedLedger(): Ledger {
  const ledger = openLedger(':memory:', { chatmeterVersion: 'golden' });
  const next = sequence(12);
  const start = Date.UTC(2026, 0, 1);
  const span = Date.UTC(2027, 0, 1) - start;
  for (let i = 0; i < 4000; i++) {
    const session = i % 160;
    const [provider, model] = MODELS[next() % MODELS.length]!;
    const mock = provider === 'mock' || session % 40 === 7;
    const endedAtMs = start + (next() % (span / 60_000)) * 60_000 + (next() % 60_000);
    const sessionId = `session-${String(session).padStart(3, '0')}${mock ? '-mock' : ''}`;
    ledger.startSession(sessionId, mock ? 'mock' : 'real', endedAtMs);
    const priced = model !== 'my-unpriced-model';
    const huge = i % 997 === 0;
    const call: CallRecord = {
      callId: `call-${i}`,
      sessionId,
      provider,
      model,
      outcome: i % 23 === 0 ? 'failed' : i % 31 === 0 ? 'aborted' : 'ok',
      usage: {
        inputTokens: next() % 50_000,
        cacheReadTokens: i % 3 === 0 ? next() % 20_000 : 0,
        cacheWrite5mTokens: i % 7 === 0 ? next() % 5_000 : 0,
        cacheWrite1hTokens: i % 11 === 0 ? next() % 5_000 : 0,
        outputTokens: next() % 8_000,
        reasoningTokens: i % 5 === 0 ? next() % 1_000 : 0,
      },
      estimated: i % 17 === 0,
      costPicoUsd: !priced
        ? null
        : mock
          ? 0n
          : huge
            ? 4_000_000_000_000_000_000n + BigInt(next())
            : session % 9 === 0
              ? 1_000_000_000n
              : BigInt(next()) * 1_000n + BigInt(next() % 1000),
      simulatedCostPicoUsd: mock ? BigInt(next()) * 10n : null,
      cacheSavingsPicoUsd: i % 3 === 0 ? BigInt(next()) : 0n,
      latencyMs: 100 + (next() % 5000),
      errorKind: null,
      endedAtMs,
    };
    ledger.recordCall(call, mock);
  }
  return ledger;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** Every report output for one zone, by a name that says what it is. */
function outputs(ledger: Ledger, timeZone: string): Map<string, string> {
  process.env.TZ = timeZone;
  const calendar = calendarFor(false);
  const now = Date.UTC(2026, 11, 31, 12);
  const ranges = {
    all: resolveRange({}, now, calendar),
    spring: resolveRange({ since: '2026-03-01', until: '2026-04-15' }, now, calendar),
    autumn: resolveRange({ since: '2026-10-20', until: '2026-11-10' }, now, calendar),
  };
  const out = new Map<string, string>();
  for (const [rangeName, range] of Object.entries(ranges)) {
    for (const includeMock of [false, true]) {
      const selection = { fromMs: range.fromMs, toMs: range.toMs, includeMock };
      const context = { ...range, includeMock, utc: false };
      for (const format of REPORT_FORMATS) {
        // --by tier and --by tool came after the golden hashes: the earlier code had no output
        // for them to match (their own tests are in usage-report.test.ts).
        for (const by of REPORT_GROUPS.filter((group) => group !== 'tier' && group !== 'tool')) {
          const report = buildUsageReport(ledger.db, { selection, by, calendar, ...range });
          out.set(`${rangeName} mock=${includeMock} --by ${by} ${format}`, renderUsageReport(report, format));
        }
        for (const top of [undefined, 1, 5, 30]) {
          const { rows } = sessionsReport(ledger.db, selection, top);
          out.set(
            `${rangeName} mock=${includeMock} sessions --top ${top ?? 'all'} ${format}`,
            renderSessionsReport(rows, format, context),
          );
        }
      }
    }
  }
  return out;
}

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

const written: Record<string, Record<string, string>> = {};
afterAll(() => {
  if (process.env.CHATMETER_WRITE_GOLDEN === '1') {
    writeFileSync(GOLDEN, `${JSON.stringify(written, null, 1)}\n`);
  }
});

describe('usage reports over a generated ledger', () => {
  const ledger = generatedLedger();
  afterAll(() => ledger.close());
  it.each(ZONES)('print exactly what they printed before (%s)', (timeZone) => {
    const actual = Object.fromEntries(
      [...outputs(ledger, timeZone)].map(([name, text]) => [name, hash(text)]),
    );
    written[timeZone] = actual;
    if (process.env.CHATMETER_WRITE_GOLDEN === '1') return;
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Record<string, string>>;
    expect(actual).toEqual(golden[timeZone]);
  });
});
