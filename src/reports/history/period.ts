import { type Calendar, type CalendarDate, calendarFor } from '../../core/calendar';
import { UsageError } from '../../core/errors';

/** The calendar reports count days in (core/calendar), re-exported beside the ranges built on it. */
export { type Calendar, type CalendarDate, calendarFor };

/** Named periods of `chatmeter usage --period`. */
export const PERIODS = ['today', 'week', 'month', 'last-week', 'last-month', 'all'] as const;
/** One named period. */
export type Period = (typeof PERIODS)[number];

/** The dates a report covers, inclusive, and the instants they span, `[fromMs, toMs)`. */
export interface DateRange {
  /** First day, `YYYY-MM-DD`, or `null` when unbounded. */
  readonly from: string | null;
  /** Last day, `YYYY-MM-DD`, or `null` when unbounded. */
  readonly to: string | null;
  readonly fromMs: number | null;
  readonly toMs: number | null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a date. */
export function formatDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${two(date.month)}-${two(date.day)}`;
}

/** Normalises an overflowing date (`{2026, 11, 31}` -> 2026-12-01), calendar arithmetic only. */
function normalise(date: CalendarDate): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Adds days to a date. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return normalise({ ...date, day: date.day + days });
}

/** ISO weekday, Monday 1 to Sunday 7. */
function isoWeekday(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() || 7;
}

/** The Monday of the ISO week a date is in. */
export function weekStart(date: CalendarDate): CalendarDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO week label, e.g. `2026-W48` (the week-year can differ from the date's year). */
export function isoWeekKey(date: CalendarDate): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const dayOfYear =
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - Date.UTC(thursday.year, 0, 1)) /
    86_400_000;
  return `${thursday.year}-W${two(Math.floor(dayOfYear / 7) + 1)}`;
}

/**
 * Parses `YYYY-MM-DD`.
 * @throws UsageError naming the option when the text is not a real date.
 */
export function parseDate(text: string, option: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = match
    ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
    : null;
  if (!date || formatDate(normalise(date)) !== formatDate(date)) {
    throw new UsageError(
      `${option} expects a date as YYYY-MM-DD, e.g. 2026-11-01 (got "${text}").`,
    );
  }
  return date;
}

function span(
  calendar: Calendar,
  first: CalendarDate | null,
  last: CalendarDate | null,
): DateRange {
  return {
    from: first ? formatDate(first) : null,
    to: last ? formatDate(last) : null,
    fromMs: first ? calendar.startOf(first) : null,
    toMs: last ? calendar.startOf(addDays(last, 1)) : null,
  };
}

function periodDates(period: Period, today: CalendarDate): [CalendarDate, CalendarDate] | null {
  const monday = weekStart(today);
  const firstOfMonth = { ...today, day: 1 };
  const lastOfMonth = (first: CalendarDate) =>
    addDays(normalise({ ...first, month: first.month + 1 }), -1);
  switch (period) {
    case 'today':
      return [today, today];
    case 'week':
      return [monday, addDays(monday, 6)];
    case 'month':
      return [firstOfMonth, lastOfMonth(firstOfMonth)];
    case 'last-week':
      return [addDays(monday, -7), addDays(monday, -1)];
    case 'last-month': {
      const first = normalise({ ...firstOfMonth, month: firstOfMonth.month - 1 });
      return [first, lastOfMonth(first)];
    }
    case 'all':
      return null;
  }
}

/** What selects the dates of a report. */
export interface RangeOptions {
  readonly since?: string;
  readonly until?: string;
  readonly period?: string;
}

/**
 * The date range of `--since/--until` or `--period` (default: all time), in `calendar`'s days.
 * @throws UsageError on a bad date, a since after until, or a period mixed with dates.
 */
export function resolveRange(options: RangeOptions, nowMs: number, calendar: Calendar): DateRange {
  const { since, until, period } = options;
  if (period !== undefined && (since !== undefined || until !== undefined)) {
    throw new UsageError('Use either --period or --since/--until, not both.');
  }
  if (period !== undefined) {
    if (!(PERIODS as readonly string[]).includes(period)) {
      throw new UsageError(`--period must be one of ${PERIODS.join(', ')} (got "${period}").`);
    }
    const dates = periodDates(period as Period, calendar.dateOf(nowMs));
    return dates ? span(calendar, dates[0], dates[1]) : span(calendar, null, null);
  }
  const first = since === undefined ? null : parseDate(since, '--since');
  const last = until === undefined ? null : parseDate(until, '--until');
  if (first && last && formatDate(first) > formatDate(last)) {
    throw new UsageError(`--since ${formatDate(first)} is after --until ${formatDate(last)}.`);
  }
  return span(calendar, first, last);
}
