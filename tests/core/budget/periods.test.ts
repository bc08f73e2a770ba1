import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayRange, monthRange } from '../../../src/core/budget/periods';

const savedTz = process.env.TZ;
beforeAll(() => {
  // Node reads TZ again when it changes; New York has daylight saving and is behind UTC.
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const iso = (ms: number) => new Date(ms).toISOString();

describe('dayRange', () => {
  it('runs from local midnight to the next local midnight', () => {
    // 2026-11-23 02:00 UTC is 21:00 on the 22nd in New York.
    const range = dayRange(Date.UTC(2026, 10, 23, 2, 0));
    expect(iso(range.fromMs)).toBe('2026-11-22T05:00:00.000Z');
    expect(iso(range.toMs)).toBe('2026-11-23T05:00:00.000Z');
  });

  it('uses UTC midnights with utc', () => {
    const range = dayRange(Date.UTC(2026, 10, 23, 2, 0), { utc: true });
    expect(iso(range.fromMs)).toBe('2026-11-23T00:00:00.000Z');
    expect(iso(range.toMs)).toBe('2026-11-24T00:00:00.000Z');
  });

  it('is 23 hours long on the day clocks go forward', () => {
    const range = dayRange(Date.UTC(2026, 2, 8, 12, 0));
    expect(range.toMs - range.fromMs).toBe(23 * 3_600_000);
  });

  it('puts a call one millisecond before local midnight in the old day', () => {
    const midnight = Date.UTC(2026, 10, 23, 5, 0);
    expect(dayRange(midnight - 1).toMs).toBe(midnight);
    expect(dayRange(midnight).fromMs).toBe(midnight);
  });
});

describe('monthRange', () => {
  it('runs from the first local midnight of the month to the next month', () => {
    // 2026-02-01 03:00 UTC is still January 31st in New York.
    const range = monthRange(Date.UTC(2026, 1, 1, 3, 0));
    expect(iso(range.fromMs)).toBe('2026-01-01T05:00:00.000Z');
    expect(iso(range.toMs)).toBe('2026-02-01T05:00:00.000Z');
  });

  it('uses UTC months with utc', () => {
    const range = monthRange(Date.UTC(2026, 1, 1, 3, 0), { utc: true });
    expect(iso(range.fromMs)).toBe('2026-02-01T00:00:00.000Z');
    expect(iso(range.toMs)).toBe('2026-03-01T00:00:00.000Z');
  });

  it('rolls December over into the next year', () => {
    const range = monthRange(Date.UTC(2026, 11, 15), { utc: true });
    expect(iso(range.toMs)).toBe('2027-01-01T00:00:00.000Z');
  });
});
