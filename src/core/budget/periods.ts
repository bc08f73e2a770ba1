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
  const now = new Date(nowMs);
  if (options.utc) {
    const y = now.getUTCFullYear();
    const m = now.getUTCMonth();
    const d = now.getUTCDate();
    return { fromMs: Date.UTC(y, m, d), toMs: Date.UTC(y, m, d + 1) };
  }
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  return { fromMs: new Date(y, m, d).getTime(), toMs: new Date(y, m, d + 1).getTime() };
}

/** The calendar month containing `nowMs`, from its first midnight to the next month's (local or UTC). */
export function monthRange(nowMs: number, options: PeriodOptions = {}): TimeRange {
  const now = new Date(nowMs);
  if (options.utc) {
    const y = now.getUTCFullYear();
    const m = now.getUTCMonth();
    return { fromMs: Date.UTC(y, m, 1), toMs: Date.UTC(y, m + 1, 1) };
  }
  const y = now.getFullYear();
  const m = now.getMonth();
  return { fromMs: new Date(y, m, 1).getTime(), toMs: new Date(y, m + 1, 1).getTime() };
}
