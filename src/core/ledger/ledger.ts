import { closeSync, existsSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '../errors';
import { type CallRecord, type SessionMode, USAGE_BUCKETS } from '../usage/types';
import { BUCKET_COLUMNS } from './bucket-columns';
import { LedgerError } from './errors';
import { MIGRATIONS, migrate, SCHEMA_VERSION, schemaVersion } from './schema';
import { makeDirectory } from '../make-dir';

/** Whether a session talks to a real provider or runs in mock mode. */
export type { SessionMode };

/** How long a write waits for another process's lock before failing, milliseconds. */
export const BUSY_TIMEOUT_MS = 5000;

/** Options of {@link openLedger}. */
export interface OpenLedgerOptions {
  /** The chatmeter version written on each session row. */
  readonly chatmeterVersion: string;
}

/** The columns of one call row, in {@link callRowValues} order. */
export const CALL_COLUMNS: readonly string[] = [
  ...['id', 'session_id', 'provider', 'model', 'outcome'],
  ...USAGE_BUCKETS.map((bucket) => BUCKET_COLUMNS[bucket]),
  ...['cost_pico', 'priced', 'estimated', 'simulated_cost_pico', 'cache_savings_pico'],
  ...['latency_ms', 'error_kind', 'ended_at', 'mock', 'input_audio_tokens', 'output_audio_tokens'],
  ...['list_cost_pico', 'provider_cost_pico', 'cost_source', 'service_tier', 'tool', 'stop_reason'],
  'cache_write_premium_pico',
];

/** The statement that appends one call row, its values in {@link callRowValues} order. */
export const INSERT_CALL = `INSERT INTO calls (${CALL_COLUMNS.join(', ')})
  VALUES (${CALL_COLUMNS.map(() => '?').join(', ')})`;

/** The bound values of one call row, in {@link INSERT_CALL} order. */
export function callRowValues(
  call: CallRecord,
  mock: boolean,
): (string | number | bigint | null)[] {
  const u = call.usage;
  return [
    call.callId,
    call.sessionId,
    call.provider,
    call.model,
    call.outcome,
    ...USAGE_BUCKETS.map((bucket) => u[bucket]),
    call.costPicoUsd,
    call.costPicoUsd === null ? 0 : 1,
    call.estimated ? 1 : 0,
    call.simulatedCostPicoUsd,
    call.cacheSavingsPicoUsd,
    Math.round(call.latencyMs),
    call.errorKind,
    call.endedAtMs,
    mock || call.provider === 'mock' ? 1 : 0,
    u.inputAudioTokens ?? 0,
    u.outputAudioTokens ?? 0,
    call.costSource === 'provider' ? (call.listCostPicoUsd ?? null) : call.costPicoUsd,
    call.providerCostPicoUsd ?? null,
    call.costSource ?? 'list',
    call.serviceTier ?? null,
    call.tool ?? null,
    call.stopReason ?? null,
    call.cacheWritePremiumPicoUsd ?? null,
  ];
}

/**
 * An open usage ledger (DESIGN §6): one SQLite file in WAL mode shared by every chatmeter process.
 * Each write is one autocommit statement (the rollups follow inside it, through a trigger), so a
 * killed process never leaves half a call behind.
 */
export class Ledger {
  /** The ledger file. */
  readonly file: string;
  /** The connection, for the report queries in `queries.ts`. */
  readonly db: DatabaseSync;
  readonly #chatmeterVersion: string;
  readonly #insertCall: StatementSync;

  /** Use {@link openLedger}. */
  constructor(file: string, db: DatabaseSync, chatmeterVersion: string) {
    this.file = file;
    this.db = db;
    this.#chatmeterVersion = chatmeterVersion;
    this.#insertCall = db.prepare(INSERT_CALL);
  }

  /**
   * Adds a session row written by process `pid` (this one by default); does nothing when the id
   * is already there. Throws on a failed write.
   */
  startSession(id: string, mode: SessionMode, startedAtMs: number, pid = process.pid): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO sessions (id, started_at, ended_at, mode, chatmeter_version, pid)
         VALUES (?, ?, NULL, ?, ?, ?)`,
      )
      .run(id, startedAtMs, mode, this.#chatmeterVersion, pid);
  }

  /**
   * Closes the sessions left open by processes that are gone (killed, or their terminal closed):
   * their end becomes their last call's end (else their start) and they are marked as ended
   * abnormally. Sessions of live processes, and old rows without a pid, are left alone.
   * @returns how many sessions were closed. Throws on a failed write.
   */
  closeStaleSessions(isAlive: (pid: number) => boolean = processIsAlive): number {
    const open = this.db
      .prepare('SELECT id, pid FROM sessions WHERE ended_at IS NULL AND pid IS NOT NULL')
      .all() as { id: string; pid: number }[];
    const close = this.db.prepare(
      `UPDATE sessions SET ended_abnormally = 1, ended_at = MAX(started_at,
         COALESCE((SELECT MAX(c.ended_at) FROM calls c WHERE c.session_id = sessions.id), 0))
       WHERE id = ? AND ended_at IS NULL`,
    );
    let closed = 0;
    for (const { id, pid } of open) {
      if (Number(pid) === process.pid || isAlive(Number(pid))) continue;
      closed += Number(close.run(id).changes);
    }
    return closed;
  }

  /** Sets a session's end time. Throws on a failed write. */
  endSession(id: string, endedAtMs: number): void {
    this.db.prepare('UPDATE sessions SET ended_at = ? WHERE id = ?').run(endedAtMs, id);
  }

  /** Appends one ended call (never its text). `mock` marks calls of a mock session. Throws on a failed write. */
  recordCall(call: CallRecord, mock: boolean): void {
    this.#insertCall.run(...callRowValues(call, mock));
  }

  /** Closes the connection; safe to call twice. */
  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/**
 * Runs `action`, again after a short pause while SQLite reports the file busy, for up to
 * BUSY_TIMEOUT_MS. Switching a new file to WAL can fail at once with SQLITE_BUSY when another
 * process creates the same ledger at that moment: SQLite does not call its busy handler there.
 */
function retryWhileBusy(action: () => void): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      action();
      return;
    } catch (error) {
      if (!/database is locked|busy/i.test(errorMessage(error)) || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 10 + Math.random() * 20);
    }
  }
}

/** Creates `file` (mode 0600) and its folder (0700) when missing; an existing file is left as it is. */
function createPrivateFile(file: string): void {
  makeDirectory(dirname(file), 0o700);
  if (existsSync(file)) return;
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** How {@link openMigratedFile} opens a file, and what it says when the file is too new. */
export interface MigratedFileOptions {
  /** How long a statement waits for another process's lock, ms. */
  readonly timeoutMs: number;
  /** The file's forward migrations: entry `i` moves `PRAGMA user_version` from i to i + 1. */
  readonly migrations: readonly string[];
  /** The error for a file at schema `found`, newer than this build knows. */
  readonly newer: (found: number) => Error;
  /** Told when opening is done and the schema is read (`read`), then written (`write`). */
  readonly onStage?: (stage: 'read' | 'write') => void;
}

/**
 * Opens one of chatmeter's own SQLite files (creating it when missing: folder 0700, file 0600;
 * `:memory:` for one in memory), in WAL mode, migrated to `migrations.length`. Throws what
 * SQLite or the file system threw, or `newer(found)`; the database is closed on any throw.
 */
export function openMigratedFile(file: string, options: MigratedFileOptions): DatabaseSync {
  const known = options.migrations.length;
  let db: DatabaseSync | undefined;
  try {
    if (file !== ':memory:') createPrivateFile(file);
    db = new DatabaseSync(file, { timeout: options.timeoutMs });
    options.onStage?.('read');
    const found = schemaVersion(db);
    if (found > known) throw options.newer(found);
    options.onStage?.('write');
    const open = db;
    retryWhileBusy(() => {
      open.exec('PRAGMA journal_mode = WAL');
      // In WAL mode a commit survives a crash of the process without an fsync.
      open.exec('PRAGMA synchronous = NORMAL');
      if (found < known) migrate(open, known, options.migrations);
    });
    return db;
  } catch (error) {
    db?.close();
    throw error;
  }
}

/**
 * Opens (creating when missing: folder 0700, file 0600) and migrates the ledger at `file`
 * (`:memory:` gives an empty ledger that lives in memory).
 * Throws {@link LedgerError} when the file cannot be created or opened, is not a ledger, or was
 * written by a newer chatmeter (it is never downgraded); in every case the file is left as it was.
 */
export function openLedger(file: string, options: OpenLedgerOptions): Ledger {
  let db: DatabaseSync | undefined;
  let stage = 'open';
  try {
    db = openMigratedFile(file, {
      timeoutMs: BUSY_TIMEOUT_MS,
      migrations: MIGRATIONS,
      newer: (version) =>
        new LedgerError(
          `The usage ledger ${file} was written by a newer chatmeter (schema v${version}; this one knows up to v${SCHEMA_VERSION}). Upgrade chatmeter to use it.`,
          { file },
        ),
      onStage: (reached) => {
        stage = reached;
      },
    });
    return new Ledger(file, db, options.chatmeterVersion);
  } catch (error) {
    db?.close();
    if (error instanceof LedgerError) throw error;
    const reason = errorMessage(error);
    const damaged = /not a database|malformed|corrupt/i.test(reason);
    const message = damaged
      ? `The usage ledger ${file} is damaged (${reason}). Move it aside to start a new one.`
      : `The usage ledger ${file} cannot be ${stage === 'open' ? 'opened' : stage === 'read' ? 'read' : 'written'} (${reason}). Check the folder's permissions or set CHATMETER_HOME.`;
    throw new LedgerError(message, { file, cause: error });
  }
}

/**
 * Opens an existing ledger for reading only, as an immutable snapshot (no lock, no -wal or -shm
 * file is created): for reports when the folder cannot be written. The file must already be at
 * this build's schema version.
 * @throws LedgerError when the file cannot be read or is at another schema version.
 */
export function openLedgerSnapshot(file: string, options: OpenLedgerOptions): Ledger {
  let db: DatabaseSync | undefined;
  try {
    const url = pathToFileURL(file);
    url.searchParams.set('immutable', '1');
    db = new DatabaseSync(url, { readOnly: true });
    const version = schemaVersion(db);
    if (version !== SCHEMA_VERSION) {
      throw new Error(`schema v${version}, this chatmeter reads v${SCHEMA_VERSION}`);
    }
    return new Ledger(file, db, options.chatmeterVersion);
  } catch (error) {
    db?.close();
    throw new LedgerError(`The usage ledger ${file} cannot be read (${errorMessage(error)}).`, {
      file,
      cause: error,
    });
  }
}

/** Whether a process with this id exists (one of another user counts: it cannot be signalled). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
