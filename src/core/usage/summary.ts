import { SessionUsageTracker, type UsageSnapshot } from './tracker';
import type { CallRecord, SessionMode } from './types';

/** A finished session: its final usage snapshot plus when it ended. Deeply frozen. */
export interface SessionSummary extends UsageSnapshot {
  /** Session end, epoch milliseconds. */
  readonly endedAtMs: number;
  /** `endedAtMs - startedAtMs`, never negative, milliseconds. */
  readonly durationMs: number;
}

/** What `summaryFromCalls` needs to know about a stored session. */
export interface SessionMeta {
  readonly sessionId: string;
  /** Epoch milliseconds. */
  readonly startedAtMs: number;
  /** Epoch milliseconds. */
  readonly endedAtMs: number;
  readonly mode: SessionMode;
}

/** Turns a tracker's final snapshot into the session summary (the exit summary). */
export function summarizeSession(snapshot: UsageSnapshot, endedAtMs: number): SessionSummary {
  return Object.freeze({
    ...snapshot,
    endedAtMs,
    durationMs: Math.max(0, endedAtMs - snapshot.startedAtMs),
  });
}

/**
 * Rebuilds a session summary from stored calls by replaying them through a tracker, so
 * `chatmeter usage show` and the exit summary agree exactly. Calls are replayed in the order given
 * (models appear in the order first used).
 */
export function summaryFromCalls(meta: SessionMeta, calls: Iterable<CallRecord>): SessionSummary {
  const tracker = new SessionUsageTracker({
    sessionId: meta.sessionId,
    startedAtMs: meta.startedAtMs,
    mode: meta.mode,
  });
  for (const call of calls) tracker.record(call);
  return summarizeSession(tracker.snapshot(), meta.endedAtMs);
}
