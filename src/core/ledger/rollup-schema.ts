import { QUARTER_HOUR_MS } from '../calendar';

/** Size of a rollup bucket: every time zone offset in use is a multiple of 15 minutes. */
export const BUCKET_MS = QUARTER_HOUR_MS;

/**
 * Money is summed as two parts, value / PICO_SPLIT and value % PICO_SPLIT, which cannot overflow
 * SQLite's 64-bit integers (pico-USD passes 2^63 at 9.2 million USD); readers join them exactly
 * in BigInt as hi * PICO_SPLIT + lo.
 */
export const PICO_SPLIT = 1_000_000_000n;

/** Sums and counts kept per rollup row; money is split in two parts that cannot overflow. */
export const ROLLUP_FIGURES = [
  ['calls_ok', "NEW.outcome = 'ok'"],
  ['calls_failed', "NEW.outcome = 'failed'"],
  ['calls_aborted', "NEW.outcome = 'aborted'"],
  ['unpriced', 'NEW.priced = 0'],
  ['estimated', 'NEW.estimated'],
  ['input_tokens', 'NEW.input_tokens'],
  ['cache_read_tokens', 'NEW.cache_read_tokens'],
  ['cache_write_5m_tokens', 'NEW.cache_write_5m_tokens'],
  ['cache_write_1h_tokens', 'NEW.cache_write_1h_tokens'],
  ['output_tokens', 'NEW.output_tokens'],
  ['reasoning_tokens', 'NEW.reasoning_tokens'],
  ['cost_hi', `COALESCE(NEW.cost_pico, 0) / ${PICO_SPLIT}`],
  ['cost_lo', `COALESCE(NEW.cost_pico, 0) % ${PICO_SPLIT}`],
  ['savings_hi', `NEW.cache_savings_pico / ${PICO_SPLIT}`],
  ['savings_lo', `NEW.cache_savings_pico % ${PICO_SPLIT}`],
  ['simulated_hi', `COALESCE(NEW.simulated_cost_pico, 0) / ${PICO_SPLIT}`],
  ['simulated_lo', `COALESCE(NEW.simulated_cost_pico, 0) % ${PICO_SPLIT}`],
] as const;

const columns = ROLLUP_FIGURES.map(([name]) => `${name} INTEGER NOT NULL`).join(', ');
const names = ROLLUP_FIGURES.map(([name]) => name).join(', ');
const values = ROLLUP_FIGURES.map(([, value]) => value).join(', ');
const adds = ROLLUP_FIGURES.map(([name]) => `${name} = ${name} + excluded.${name}`).join(', ');
const fromCalls = (keys: string) =>
  ROLLUP_FIGURES.map(([, value]) => `SUM(${value.replaceAll('NEW.', '')})`).join(', ') +
  ` FROM calls GROUP BY ${keys}`;

/**
 * Schema v3: `rollup_model` (mock, provider, model, bucket) and `rollup_time` (mock, bucket),
 * primary keys in the order reports group by, filled from existing calls and kept by a trigger.
 */
export const ROLLUP_MIGRATION = `
  CREATE TABLE rollup_model (mock INTEGER NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL,
    bucket INTEGER NOT NULL, ${columns}, PRIMARY KEY (mock, provider, model, bucket)) WITHOUT ROWID;
  CREATE TABLE rollup_time (mock INTEGER NOT NULL, bucket INTEGER NOT NULL, ${columns},
    PRIMARY KEY (mock, bucket)) WITHOUT ROWID;
  INSERT INTO rollup_model (mock, provider, model, bucket, ${names})
    SELECT mock, provider, model, ended_at / ${BUCKET_MS}, ${fromCalls(`mock, provider, model, ended_at / ${BUCKET_MS}`)};
  INSERT INTO rollup_time (mock, bucket, ${names})
    SELECT mock, ended_at / ${BUCKET_MS}, ${fromCalls(`mock, ended_at / ${BUCKET_MS}`)};
  CREATE TRIGGER calls_rollup AFTER INSERT ON calls BEGIN
    INSERT INTO rollup_model (mock, provider, model, bucket, ${names})
      VALUES (NEW.mock, NEW.provider, NEW.model, NEW.ended_at / ${BUCKET_MS}, ${values})
      ON CONFLICT (mock, provider, model, bucket) DO UPDATE SET ${adds};
    INSERT INTO rollup_time (mock, bucket, ${names})
      VALUES (NEW.mock, NEW.ended_at / ${BUCKET_MS}, ${values})
      ON CONFLICT (mock, bucket) DO UPDATE SET ${adds};
  END;`;

/** The trigger statement that adds the new call to one rollup table. */
function upsert(table: string, keys: readonly [string, string][]): string {
  const keyNames = keys.map(([name]) => name).join(', ');
  const keyValues = keys.map(([, value]) => value).join(', ');
  return `INSERT INTO ${table} (${keyNames}, bucket, ${names})
      VALUES (${keyValues}, NEW.ended_at / ${BUCKET_MS}, ${values})
      ON CONFLICT (${keyNames}, bucket) DO UPDATE SET ${adds};`;
}

/**
 * Schema v4: `rollup_session` (mock, session_id, bucket) for reports by session, filled from
 * existing calls; the trigger is replaced by one that keeps all three rollups.
 */
export const SESSION_ROLLUP_MIGRATION = `
  CREATE TABLE rollup_session (mock INTEGER NOT NULL, session_id TEXT NOT NULL,
    bucket INTEGER NOT NULL, ${columns}, PRIMARY KEY (mock, session_id, bucket)) WITHOUT ROWID;
  INSERT INTO rollup_session (mock, session_id, bucket, ${names})
    SELECT mock, session_id, ended_at / ${BUCKET_MS}, ${fromCalls(`mock, session_id, ended_at / ${BUCKET_MS}`)};
  DROP TRIGGER calls_rollup;
  CREATE TRIGGER calls_rollup AFTER INSERT ON calls BEGIN
    ${upsert('rollup_model', [
      ['mock', 'NEW.mock'],
      ['provider', 'NEW.provider'],
      ['model', 'NEW.model'],
    ])}
    ${upsert('rollup_time', [['mock', 'NEW.mock']])}
    ${upsert('rollup_session', [
      ['mock', 'NEW.mock'],
      ['session_id', 'NEW.session_id'],
    ])}
  END;`;

/** The trigger statement that adds the new call to an all-time rollup table (no bucket). */
function upsertTotal(table: string, keys: readonly [string, string][]): string {
  const keyNames = keys.map(([name]) => name).join(', ');
  const keyValues = keys.map(([, value]) => value).join(', ');
  return `INSERT INTO ${table} (${keyNames}, ${names})
      VALUES (${keyValues}, ${values})
      ON CONFLICT (${keyNames}) DO UPDATE SET ${adds};`;
}

/** The sums of a rollup's figures, for filling a coarser rollup from it. */
const summed = ROLLUP_FIGURES.map(([name]) => `SUM(${name})`).join(', ');

/**
 * All-time totals per (mock, provider, model) and per (mock, session), filled from the
 * 15-minute rollups and kept by a trigger of their own. A report over all time (the default)
 * reads a row per model or session instead of one per model or session and 15 minutes: 350,000
 * rows for ten models over a year.
 */
export const TOTAL_ROLLUP_MIGRATION = `
  CREATE TABLE rollup_model_total (mock INTEGER NOT NULL, provider TEXT NOT NULL,
    model TEXT NOT NULL, ${columns}, PRIMARY KEY (mock, provider, model)) WITHOUT ROWID;
  CREATE TABLE rollup_session_total (mock INTEGER NOT NULL, session_id TEXT NOT NULL,
    ${columns}, PRIMARY KEY (mock, session_id)) WITHOUT ROWID;
  INSERT INTO rollup_model_total (mock, provider, model, ${names})
    SELECT mock, provider, model, ${summed} FROM rollup_model GROUP BY mock, provider, model;
  INSERT INTO rollup_session_total (mock, session_id, ${names})
    SELECT mock, session_id, ${summed} FROM rollup_session GROUP BY mock, session_id;
  CREATE TRIGGER calls_rollup_total AFTER INSERT ON calls BEGIN
    ${upsertTotal('rollup_model_total', [
      ['mock', 'NEW.mock'],
      ['provider', 'NEW.provider'],
      ['model', 'NEW.model'],
    ])}
    ${upsertTotal('rollup_session_total', [
      ['mock', 'NEW.mock'],
      ['session_id', 'NEW.session_id'],
    ])}
  END;`;
