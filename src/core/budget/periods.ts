import { calendarFor } from '../calendar';

/** A half-open time range `[fromMs, toMs)`, epoch milliseconds. */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Whether days and months follow the local time zone (the default) or UTC. */
export interface PeriodOptions {
  readonly utc?: boolean;
}

/**
 * The calendar day containing `nowMs`: local midnight to the next local midnight (23 or 25
 * hours long across a daylight-saving change), or UTC midnights with `utc`.
 */
export function dayRange(nowMs: number, options: PeriodOptions = {}): TimeRange {
  const calendar = calendarFor(options.utc ?? false);
  const today = calendar.dateOf(nowMs);
  return {
    fromMs: calendar.startOf(today),
    toMs: calendar.startOf({ ...today, day: today.day + 1 }),
  };
}

/** The calendar month containing `nowMs`, from its first midnight to the next month's (local or UTC). */
export function monthRange(nowMs: number, options: PeriodOptions = {}): TimeRange {
  const calendar = calendarFor(options.utc ?? false);
  const first = { ...calendar.dateOf(nowMs), day: 1 };
  return {
    fromMs: calendar.startOf(first),
    toMs: calendar.startOf({ ...first, month: first.month + 1 }),
  };
}
