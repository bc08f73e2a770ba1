import type { DatabaseSync } from 'node:sqlite';
import { UsageError } from '../errors';
import type { SessionRow } from '../usage/stored-session';
import { usageFromColumns } from './bucket-columns';
import { nullableBigInt, nullableNumber, nullableText } from './nullable-columns';
import type { CallOutcome, CallRecord } from '../usage/types';

type Row = Record<string, unknown>;

const SESSION_SQL = `SELECT s.id, s.started_at, s.ended_at, s.mode, s.chatmeter_version,
  (SELECT MAX(c.ended_at) FROM calls c WHERE c.session_id = s.id) AS last_call_at
  FROM sessions s`;

function toSession(row: Row): SessionRow {
  return {
    id: String(row.id),
    startedAtMs: Number(row.started_at),
    endedAtMs: nullableNumber(row.ended_at),
    mode: row.mode === 'mock' ? 'mock' : 'real',
    chatmeterVersion: String(row.chatmeter_version),
    lastCallAtMs: nullableNumber(row.last_call_at),
  };
}

/** The stored sessions with these ids (unknown ids are skipped). */
export function sessionsById(db: DatabaseSync, ids: readonly string[]): Map<string, SessionRow> {
  const statement = db.prepare(`${SESSION_SQL} WHERE s.id = ?`);
  const found = new Map<string, SessionRow>();
  for (const id of ids) {
    const row = statement.get(id) as Row | undefined;
    if (row) found.set(id, toSession(row));
  }
  return found;
}

/**
 * Finds one session by full id, unique id prefix, or `last` (the most recently started).
 * Throws {@link UsageError} when nothing or more than one session matches.
 */
export function findSession(db: DatabaseSync, ref: string): SessionRow {
  const wanted = ref.trim();
  if (wanted === 'last') {
    const row = db.prepare(`${SESSION_SQL} ORDER BY s.started_at DESC, s.rowid DESC LIMIT 1`).get();
    if (!row) throw new UsageError('No session is recorded in the usage ledger yet.');
    return toSession(row as Row);
  }
  if (wanted === '') throw new UsageError('Give a session id, a prefix of one, or "last".');
  const escaped = wanted.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = db
    .prepare(`${SESSION_SQL} WHERE s.id LIKE ? ESCAPE '\\' ORDER BY s.started_at LIMIT 6`)
    .all(`${escaped}%`) as Row[];
  const exact = rows.find((row) => row.id === wanted);
  if (exact) return toSession(exact);
  if (rows.length === 0) {
    throw new UsageError(
      `No session matches "${wanted}". List them with: chatmeter usage sessions --include-mock`,
    );
  }
  if (rows.length > 1) {
    const ids = rows.slice(0, 5).map((row) => String(row.id));
    throw new UsageError(
      `"${wanted}" matches several sessions (${ids.join(', ')}); give more of the id.`,
    );
  }
  return toSession(rows[0]!);
}

/** Every call of a session as records, in the order they ended. */
export function callsOfSession(db: DatabaseSync, sessionId: string): CallRecord[] {
  const statement = db.prepare(`SELECT * FROM calls WHERE session_id = ? ORDER BY ended_at, rowid`);
  statement.setReadBigInts(true);
  return (statement.all(sessionId) as Row[]).map((row) => callFromRow(row));
}

/** Audio parts of a stored call, left out when 0 (absent means 0). */
function audioOf(row: Row): { inputAudioTokens?: number; outputAudioTokens?: number } {
  const input = Number(row.input_audio_tokens);
  const output = Number(row.output_audio_tokens);
  return {
    ...(input > 0 ? { inputAudioTokens: input } : {}),
    ...(output > 0 ? { outputAudioTokens: output } : {}),
  };
}

/** One stored call row as a record (`SELECT *` read with BigInts). */
function callFromRow(row: Row): CallRecord {
  const costPicoUsd = Number(row.priced) === 1 ? nullableBigInt(row.cost_pico) : null;
  const costSource = row.cost_source === 'provider' ? 'provider' : 'list';
  return {
    callId: String(row.id),
    sessionId: String(row.session_id),
    provider: String(row.provider),
    model: String(row.model),
    outcome: String(row.outcome) as CallOutcome,
    usage: { ...usageFromColumns((column) => Number(row[column])), ...audioOf(row) },
    estimated: Number(row.estimated) === 1,
    costPicoUsd,
    costSource,
    // A list-priced row's cost is its list figure (rows from before v5 have no list column).
    listCostPicoUsd: costSource === 'list' ? costPicoUsd : nullableBigInt(row.list_cost_pico),
    providerCostPicoUsd: nullableBigInt(row.provider_cost_pico),
    serviceTier: nullableText(row.service_tier),
    simulatedCostPicoUsd: nullableBigInt(row.simulated_cost_pico),
    cacheSavingsPicoUsd: BigInt(row.cache_savings_pico as bigint),
    // Rows from before the column (v11) leave it out: not known.
    ...(row.cache_write_premium_pico == null
      ? {}
      : { cacheWritePremiumPicoUsd: BigInt(row.cache_write_premium_pico as bigint) }),
    latencyMs: Number(row.latency_ms),
    errorKind: nullableText(row.error_kind),
    endedAtMs: Number(row.ended_at),
    // Rows from before the column (v9) read as "not said".
    stopReason: nullableText(row.stop_reason),
  };
}
