import type { SessionMode } from './types';

/** One stored session. */
export interface SessionRow {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly startedAtMs: number;
  /** Epoch milliseconds; `null` when the process ended without closing the ledger. */
  readonly endedAtMs: number | null;
  readonly mode: SessionMode;
  readonly chatmeterVersion: string;
  /** End time of its last call, epoch milliseconds (`null` with no call). */
  readonly lastCallAtMs: number | null;
}

/** When a session ended: its end time, else its last call, else its start. */
export function sessionEndMs(session: SessionRow): number {
  return session.endedAtMs ?? Math.max(session.startedAtMs, session.lastCallAtMs ?? 0);
}
