import { afterEach, describe, expect, it } from 'vitest';
import {
  calendarFor,
  formatDate,
  isoWeekKey,
  parseDate,
  resolveRange,
} from '../../src/reports/history/period';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

const utc = calendarFor(true);
const NOW = Date.UTC(2026, 10, 19, 15, 30); // Thursday 2026-11-19 15:30 UTC

describe('resolveRange in UTC', () => {
  it.each([
    ['today', '2026-11-19', '2026-11-19'],
    ['week', '2026-11-16', '2026-11-22'],
    ['month', '2026-11-01', '2026-11-30'],
    ['last-week', '2026-11-09', '2026-11-15'],
    ['last-month', '2026-10-01', '2026-10-31'],
  ])('--period %s covers %s to %s', (period, from, to) => {
    const range = resolveRange({ period }, NOW, utc);
    expect([range.from, range.to]).toEqual([from, to]);
    expect(range.fromMs).toBe(Date.parse(`${from}T00:00:00Z`));
    expect(range.toMs).toBe(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  });

  it('takes last month across a year boundary', () => {
    const range = resolveRange({ period: 'last-month' }, Date.UTC(2027, 0, 5), utc);
    expect([range.from, range.to]).toEqual(['2026-12-01', '2026-12-31']);
  });

  it('leaves both ends open for --period all and with no option', () => {
    for (const options of [{ period: 'all' }, {}]) {
      expect(resolveRange(options, NOW, utc)).toEqual({
        from: null,
        to: null,
        fromMs: null,
        toMs: null,
      });
    }
  });

  it('includes the whole --until day', () => {
    const range = resolveRange({ since: '2026-02-27', until: '2026-02-28' }, NOW, utc);
    expect(range.toMs).toBe(Date.UTC(2026, 2, 1));
  });

  it.each([
    [{ period: 'week', since: '2026-01-01' }, /either --period or --since\/--until/],
    [{ since: '2026-02-30' }, /--since expects a date as YYYY-MM-DD/],
    [{ until: '26-1-1' }, /--until expects a date/],
    [{ since: '2026-03-02', until: '2026-03-01' }, /is after --until/],
    [{ period: 'fortnight' }, /--period must be one of/],
  ])('refuses %o with one clear line', (options, message) => {
    expect(() => resolveRange(options, NOW, utc)).toThrow(message);
  });
});

describe('resolveRange in local time', () => {
  it('starts the day at local midnight (America/New_York)', () => {
    process.env.TZ = 'America/New_York';
    const range = resolveRange(
      { period: 'today' },
      Date.UTC(2026, 10, 20, 3, 0),
      calendarFor(false),
    );
    // 03:00 UTC on the 20th is still the 19th in New York (UTC-5).
    expect(range.from).toBe('2026-11-19');
    expect(range.fromMs).toBe(Date.UTC(2026, 10, 19, 5, 0));
    expect(range.toMs).toBe(Date.UTC(2026, 10, 20, 5, 0));
  });

  it('gives the spring-forward day 23 hours (Europe/Berlin)', () => {
    process.env.TZ = 'Europe/Berlin';
    const range = resolveRange(
      { since: '2026-03-29', until: '2026-03-29' },
      NOW,
      calendarFor(false),
    );
    expect(range.toMs! - range.fromMs!).toBe(23 * 3_600_000);
  });
});

describe('calendar keys', () => {
  it.each([
    ['2026-11-19', '2026-W47'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in ISO week %s', (date, week) => {
    expect(isoWeekKey(parseDate(date, '--since'))).toBe(week);
  });

  it('formats dates with zero padding', () => {
    expect(formatDate({ year: 2026, month: 1, day: 5 })).toBe('2026-01-05');
  });
});
