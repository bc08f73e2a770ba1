/**
 * A quarter hour in milliseconds. Every time zone offset in use is a multiple of it, so no
 * quarter hour (counted from the epoch) straddles a local midnight.
 */
export const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** A calendar date (month 1-12). */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Local time (the process's time zone, `TZ`) or UTC. Dates are computed with `Date`, so DST
 * changes give 23- and 25-hour days.
 */
export interface Calendar {
  /** The date of an instant (epoch milliseconds). */
  dateOf(ms: number): CalendarDate;
  /**
   * The first instant of a date, epoch milliseconds (month and day may overflow: `{2026, 13, 1}`
   * is 2027-01-01).
   */
  startOf(date: CalendarDate): number;
}

/** The calendar of the process's time zone, or UTC. */
export function calendarFor(utc: boolean): Calendar {
  if (utc) {
    return {
      dateOf: (ms) => {
        const d = new Date(ms);
        return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      },
      startOf: ({ year, month, day }) => Date.UTC(year, month - 1, day),
    };
  }
  return {
    dateOf: (ms) => {
      const d = new Date(ms);
      return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
    },
    startOf: ({ year, month, day }) => new Date(year, month - 1, day).getTime(),
  };
}
