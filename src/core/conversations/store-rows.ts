/** The SQL and row mapping of the conversation store (`store.ts`). */
import type { SQLInputValue } from 'node:sqlite';
import { nullableBigInt, nullableNumber, nullableText } from '../ledger/nullable-columns';
import type { ConversationSummary, SavedMessage } from './types';

/** A result row as node:sqlite returns it. */
export type Row = Record<string, SQLInputValue>;

/** A conversation's row with its turns, cost and first message, grouped by conversation. */
export const SUMMARY_SQL = `SELECT c.id, c.created_at, c.updated_at, c.mode, c.provider, c.model, c.system,
  COUNT(m.call_id) AS turns,
  COALESCE(SUM(m.cost_pico), 0) AS cost_pico,
  COUNT(m.call_id) - COUNT(m.cost_pico) AS unpriced_turns,
  SUM(m.simulated_cost_pico) AS simulated_cost_pico,
  (SELECT f.content FROM messages f WHERE f.conversation_id = c.id AND f.role = 'user'
     ORDER BY f.seq LIMIT 1) AS first_message
  FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id AND m.role = 'assistant'`;

/** Appends one message, its values in `SavedMessage` order (conversation id first). */
export const INSERT_MESSAGE = `INSERT INTO messages (conversation_id, seq, role, content, provider, model,
  session_id, call_id, prompt_tokens, output_tokens, cost_pico, simulated_cost_pico, outcome,
  created_at, estimated, stop_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;


/** A {@link SUMMARY_SQL} row as a summary. */
export function toSummary(row: Row): ConversationSummary {
  return {
    id: String(row.id),
    createdAtMs: Number(row.created_at),
    updatedAtMs: Number(row.updated_at),
    mode: row.mode === 'mock' ? 'mock' : 'real',
    provider: String(row.provider),
    model: String(row.model),
    turns: Number(row.turns),
    costPicoUsd: nullableBigInt(row.cost_pico) ?? 0n,
    unpricedTurns: Number(row.unpriced_turns),
    simulatedCostPicoUsd: nullableBigInt(row.simulated_cost_pico),
    firstMessage: nullableText(row.first_message) ?? '',
  };
}

/** A `messages` row as a saved message. */
export function toMessage(row: Row): SavedMessage {
  return {
    seq: Number(row.seq),
    role: row.role === 'assistant' ? 'assistant' : 'user',
    content: String(row.content),
    provider: String(row.provider),
    model: String(row.model),
    sessionId: String(row.session_id),
    callId: nullableText(row.call_id),
    promptTokens: nullableNumber(row.prompt_tokens),
    outputTokens: nullableNumber(row.output_tokens),
    costPicoUsd: nullableBigInt(row.cost_pico),
    simulatedCostPicoUsd: nullableBigInt(row.simulated_cost_pico),
    outcome: nullableText(row.outcome),
    estimated: nullableNumber(row.estimated) === null ? null : Number(row.estimated) !== 0,
    stopReason: nullableText(row.stop_reason),
    createdAtMs: Number(row.created_at),
  };
}
