import type { DatabaseSync } from 'node:sqlite';
import { ROLLUP_MIGRATION, SESSION_ROLLUP_MIGRATION, TOTAL_ROLLUP_MIGRATION } from './rollup-schema';

/**
 * Forward migrations of the ledger schema, in order: entry `i` moves the file from
 * `PRAGMA user_version` i to i + 1. Never edit a published entry; append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  // v1: sessions and calls (DESIGN §6). Money is integer pico-USD; times are epoch ms.
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     started_at INTEGER NOT NULL,
     ended_at INTEGER,
     mode TEXT NOT NULL CHECK (mode IN ('real', 'mock')),
     chatmeter_version TEXT NOT NULL
   );
   CREATE TABLE calls (
     id TEXT PRIMARY KEY,
     session_id TEXT NOT NULL REFERENCES sessions(id),
     provider TEXT NOT NULL,
     model TEXT NOT NULL,
     outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed', 'aborted')),
     input_tokens INTEGER NOT NULL,
     cache_read_tokens INTEGER NOT NULL,
     cache_write_5m_tokens INTEGER NOT NULL,
     cache_write_1h_tokens INTEGER NOT NULL,
     output_tokens INTEGER NOT NULL,
     reasoning_tokens INTEGER NOT NULL,
     cost_pico INTEGER,
     priced INTEGER NOT NULL,
     estimated INTEGER NOT NULL,
     simulated_cost_pico INTEGER,
     cache_savings_pico INTEGER NOT NULL,
     latency_ms INTEGER NOT NULL,
     error_kind TEXT,
     ended_at INTEGER NOT NULL
   );`,
  // v2: a mock flag on each call so reports leave mock calls out without a join, filled from the
  // session mode for existing rows; indexes for time ranges and per-session lookups.
  `ALTER TABLE calls ADD COLUMN mock INTEGER NOT NULL DEFAULT 0;
   UPDATE calls SET mock = 1
     WHERE provider = 'mock' OR session_id IN (SELECT id FROM sessions WHERE mode = 'mock');
   CREATE INDEX calls_by_time ON calls (mock, ended_at);
   CREATE INDEX calls_by_session ON calls (session_id);
   CREATE INDEX sessions_by_start ON sessions (started_at);`,
  // v3: per-15-minute rollups kept by a trigger in the same statement as each call insert, so
  // reports over a million calls read a few thousand rows (see rollup.ts).
  ROLLUP_MIGRATION,
  // v4: a rollup by session, for `usage --by session` and `usage sessions`.
  SESSION_ROLLUP_MIGRATION,
  // v5: audio parts of input and output (inside input_tokens / output_tokens), the provider's
  // reported charge beside our list price and which one cost_pico is, and the service tier.
  // Existing rows read as list-priced text calls with no tier (list_cost_pico NULL there means
  // "cost_pico is the list figure"), so nothing is rewritten.
  `ALTER TABLE calls ADD COLUMN input_audio_tokens INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE calls ADD COLUMN output_audio_tokens INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE calls ADD COLUMN list_cost_pico INTEGER;
   ALTER TABLE calls ADD COLUMN provider_cost_pico INTEGER;
   ALTER TABLE calls ADD COLUMN cost_source TEXT NOT NULL DEFAULT 'list'
     CHECK (cost_source IN ('list', 'provider'));
   ALTER TABLE calls ADD COLUMN service_tier TEXT;`,
  // v6: the client of a call made through `chatmeter proxy` (NULL for chatmeter's own chat),
  // for `usage --by tool`.
  `ALTER TABLE calls ADD COLUMN tool TEXT;`,
  // v7: the process that writes a session, so the next start can close the sessions of
  // processes that are gone (SIGKILL, a closed terminal) and mark them as ended abnormally.
  `ALTER TABLE sessions ADD COLUMN pid INTEGER;
   ALTER TABLE sessions ADD COLUMN ended_abnormally INTEGER NOT NULL DEFAULT 0;`,
  // v8: which calls were sent over OTLP (live telemetry or `usage export --otlp`), so a backfill
  // never sends a call twice. A table of its own: the calls table stays as it is.
  `CREATE TABLE otlp_exports (
     call_id TEXT PRIMARY KEY,
     exported_at INTEGER NOT NULL
   ) WITHOUT ROWID;`,
  // v9: why the provider says each reply stopped (`end_turn`, `max_tokens`, `length`,
  // `content_filter`, `refusal`...), so reports can tell replies cut short. NULL: not said
  // (failed or aborted calls, and rows from before).
  `ALTER TABLE calls ADD COLUMN stop_reason TEXT;`,
  // v10: all-time totals per model and per session, for reports over all time (the default).
  TOTAL_ROLLUP_MIGRATION,
  // v11: what each call's cache writes cost over the uncached input rate, so reports can set it
  // against the cache savings (NULL: recorded before, not known); a partial index over the calls
  // that wrote to a cache, the only ones `usage cache` reads it from, holding every column that
  // query reads so it never visits the table (in the order it groups by).
  `ALTER TABLE calls ADD COLUMN cache_write_premium_pico INTEGER;
   CREATE INDEX calls_cache_writes
     ON calls (mock, provider, model, ended_at, cache_write_premium_pico)
     WHERE cache_write_5m_tokens + cache_write_1h_tokens > 0;`,
];

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Reads `PRAGMA user_version` (0 for a new, empty file). */
export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return Number(row?.user_version ?? 0);
}

/**
 * Applies every migration from `from` up to `to` (default: this build's version) inside one
 * immediate transaction, re-reading the version under the lock so two processes opening the same
 * old file migrate it once. Returns the version the file is at afterwards. `migrations` is the
 * ledger's by default; the conversation store passes its own.
 */
export function migrate(
  db: DatabaseSync,
  to: number = SCHEMA_VERSION,
  migrations: readonly string[] = MIGRATIONS,
): number {
  db.exec('BEGIN IMMEDIATE');
  try {
    const from = schemaVersion(db);
    for (let v = from; v < to; v++) db.exec(migrations[v]!);
    if (from < to) db.exec(`PRAGMA user_version = ${to}`);
    db.exec('COMMIT');
    return Math.max(from, to);
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
