/**
 * Which ledger calls were sent over OTLP: live telemetry and `usage export --otlp`
 * mark the calls a collector accepted, and a backfill sends only the others.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { CallRecord } from '../usage/types';
import { callsOfSession } from './sessions';

/** The calls of one session to export, in the order they ended. */
export interface SessionCalls {
  readonly sessionId: string;
  readonly calls: readonly CallRecord[];
  /** True when none of the session's calls was exported before (its start is then counted). */
  readonly wholeSession: boolean;
  /**
   * True for a `chatmeter proxy` session (its calls name their tool): the upstream its calls
   * went to is not recorded.
   */
  readonly viaProxy: boolean;
}

/** Which calls an export takes. */
export interface ExportSelection {
  /** Only calls that ended at or after this time, epoch ms (null: all). */
  readonly fromMs: number | null;
  /** Also calls already exported (a file written again, a deliberate resend). */
  readonly includeExported: boolean;
}

/**
 * Real (never mock) calls not yet exported, grouped by session, sessions in order of their
 * first such call.
 */
export function callsToExport(db: DatabaseSync, selection: ExportSelection): SessionCalls[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.session_id, c.tool IS NOT NULL AS proxied, e.call_id IS NOT NULL AS exported
       FROM calls c
       LEFT JOIN otlp_exports e ON e.call_id = c.id
       WHERE c.mock = 0 AND c.ended_at >= ? ORDER BY c.ended_at, c.rowid`,
    )
    .all(selection.fromMs ?? 0) as {
    id: string;
    session_id: string;
    proxied: number;
    exported: number;
  }[];
  const sessions = new Map<
    string,
    { wanted: Set<string>; exportedBefore: boolean; viaProxy: boolean }
  >();
  for (const row of rows) {
    const session = sessions.get(row.session_id) ?? {
      wanted: new Set(),
      exportedBefore: false,
      viaProxy: false,
    };
    sessions.set(row.session_id, session);
    if (Number(row.exported) === 1) session.exportedBefore = true;
    if (Number(row.proxied) === 1) session.viaProxy = true;
    if (selection.includeExported || Number(row.exported) === 0) session.wanted.add(row.id);
  }
  const result: SessionCalls[] = [];
  for (const [sessionId, { wanted, exportedBefore, viaProxy }] of sessions) {
    if (wanted.size === 0) continue;
    const calls = callsOfSession(db, sessionId).filter((call) => wanted.has(call.callId));
    const wholeSession = selection.includeExported || !exportedBefore;
    result.push({ sessionId, calls, wholeSession, viaProxy });
  }
  return result;
}

/** How many real (never mock) calls ended at or after `fromMs` (null: all), exported or not. */
export function countRealCalls(db: DatabaseSync, fromMs: number | null): number {
  const row = db
    .prepare('SELECT COUNT(*) AS n FROM calls WHERE mock = 0 AND ended_at >= ?')
    .get(fromMs ?? 0) as { n: number } | undefined;
  return Number(row?.n ?? 0);
}

/** Remembers that a collector accepted these calls (already marked ones keep their first time). */
export function markExported(db: DatabaseSync, callIds: readonly string[], atMs: number): void {
  if (callIds.length === 0) return;
  const insert = db.prepare(
    'INSERT OR IGNORE INTO otlp_exports (call_id, exported_at) VALUES (?, ?)',
  );
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const id of callIds) insert.run(id, atMs);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
