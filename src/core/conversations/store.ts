import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { errorMessage } from '../errors';
import { openMigratedFile } from '../ledger/ledger';
import { ConversationError } from './errors';
import { CONVERSATION_MIGRATIONS } from './schema';
import { nullableText } from '../ledger/nullable-columns';
import { INSERT_MESSAGE, type Row, SUMMARY_SQL, toMessage, toSummary } from './store-rows';
import type { Conversation, ConversationSummary, NewConversation, NewMessage } from './types';

/**
 * How long a write waits for another chatmeter's lock, milliseconds. Short: a turn is saved
 * while the user waits for the prompt, and a conversation not saved is only a warning.
 */
const STORE_BUSY_TIMEOUT_MS = 2000;

/** The schema version this build reads and writes. */
const CONVERSATION_SCHEMA_VERSION = CONVERSATION_MIGRATIONS.length;

/**
 * The saved conversations: one SQLite file (WAL, mode 0600) of their own beside the usage ledger,
 * so the ledger never holds text. Each write is one transaction: a killed process never leaves
 * half a turn. Every method throws {@link ConversationError} on a failed read or write.
 */
export class ConversationStore {
  /** The store's file. */
  readonly file: string;
  readonly #db: DatabaseSync;
  /** Statements of the per-turn writes, prepared on first use (a prepare costs more than a run). */
  readonly #statements = new Map<string, StatementSync>();

  /** Use {@link openConversationStore}. */
  constructor(file: string, db: DatabaseSync) {
    this.file = file;
    this.#db = db;
  }

  /** Adds a conversation row (no messages yet). */
  create(conversation: NewConversation): void {
    this.#run('save the conversation', () => {
      this.#prepared(
        `INSERT INTO conversations (id, created_at, updated_at, mode, provider, model, system)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
          conversation.id,
          conversation.createdAtMs,
          conversation.createdAtMs,
          conversation.mode,
          conversation.provider,
          conversation.model,
          conversation.system,
        );
    });
  }

  /**
   * Appends messages (a user message and its reply) in one transaction, after the last one, and
   * makes the last message's provider and model the conversation's. A real model's turn makes a
   * mock conversation real (its cost is then real money, shown as such), never the reverse.
   * Throws ConversationError when the conversation was deleted meanwhile (by another process).
   */
  append(conversationId: string, messages: readonly NewMessage[]): void {
    const last = messages.at(-1);
    if (!last) return;
    this.#run('save the turn', () => {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        const { changes } = this.#prepared(
          `UPDATE conversations SET updated_at = ?, provider = ?, model = ?,
             mode = CASE WHEN ? = 'mock' THEN mode ELSE 'real' END WHERE id = ?`,
        ).run(last.createdAtMs, last.provider, last.model, last.provider, conversationId);
        if (Number(changes) === 0) {
          throw new ConversationError(
            `Conversation ${conversationId} was deleted (chatmeter conversations rm).`,
            { file: this.file },
          );
        }
        const next = this.#prepared(
          'SELECT COALESCE(MAX(seq) + 1, 0) AS next FROM messages WHERE conversation_id = ?',
        ).get(conversationId) as Row;
        const insert = this.#prepared(INSERT_MESSAGE);
        for (const [index, m] of messages.entries()) {
          insert.run(
            conversationId,
            Number(next.next) + index,
            m.role,
            m.content,
            m.provider,
            m.model,
            m.sessionId,
            m.callId,
            m.promptTokens,
            m.outputTokens,
            m.costPicoUsd,
            m.simulatedCostPicoUsd,
            m.outcome,
            m.createdAtMs,
            m.estimated === null ? null : Number(m.estimated),
            m.stopReason,
          );
        }
        this.#db.exec('COMMIT');
      } catch (error) {
        this.#db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** The most recently updated conversations first, at most `limit` (all when absent). */
  list(limit?: number): ConversationSummary[] {
    return this.#run('read the conversations', () => {
      const statement = this.#db.prepare(
        `${SUMMARY_SQL} GROUP BY c.id ORDER BY c.updated_at DESC, c.id LIMIT ?`,
      );
      statement.setReadBigInts(true);
      return (statement.all(limit ?? -1) as Row[]).map(toSummary);
    });
  }

  /**
   * The id of the conversation `ref` names: a whole id or a unique start of one. Throws
   * {@link ConversationError} (exit 2) when none or several match, saying what to do.
   */
  resolve(ref: string): string {
    const wanted = ref.trim().toLowerCase();
    if (!/^[0-9a-f-]+$/.test(wanted)) {
      throw new ConversationError(
        `"${ref}" is not a conversation id; ids are hex, e.g. 3f2a9c1e. See chatmeter conversations list.`,
        { file: this.file, exitCode: 2 },
      );
    }
    const ids = this.#run('read the conversations', () =>
      (
        this.#db
          .prepare(`SELECT id FROM conversations WHERE id LIKE ? ORDER BY updated_at DESC, id LIMIT 6`)
          .all(`${wanted}%`) as Row[]
      ).map((row) => String(row.id)),
    );
    if (ids.includes(wanted)) return wanted;
    if (ids.length === 1) return ids[0]!;
    const what =
      ids.length === 0
        ? `No saved conversation starts with "${ref}"`
        : `"${ref}" starts ${ids.length > 5 ? 'more than 5' : ids.length} conversations (${ids
            .slice(0, 5)
            .map((id) => id.slice(0, 12))
            .join(', ')}); give more of the id`;
    throw new ConversationError(`${what}. See chatmeter conversations list.`, {
      file: this.file,
      exitCode: 2,
    });
  }

  /** The most recently updated conversation's id, or null when none is saved. */
  latest(): string | null {
    return this.#run('read the conversations', () => {
      const row = this.#db
        .prepare('SELECT id FROM conversations ORDER BY updated_at DESC, id LIMIT 1')
        .get() as Row | undefined;
      return row ? String(row.id) : null;
    });
  }

  /** A whole conversation by its exact id, or null. */
  get(id: string): Conversation | null {
    return this.#run('read the conversation', () => {
      const summary = this.#db.prepare(`${SUMMARY_SQL} WHERE c.id = ? GROUP BY c.id`);
      summary.setReadBigInts(true);
      const row = summary.get(id) as Row | undefined;
      if (!row) return null;
      const messages = this.#db.prepare(
        'SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq',
      );
      messages.setReadBigInts(true);
      return {
        ...toSummary(row),
        system: nullableText(row.system),
        messages: (messages.all(id) as Row[]).map(toMessage),
      };
    });
  }

  /** Deletes a conversation and its messages; false when there was none with this id. */
  remove(id: string): boolean {
    return this.#run('delete the conversation', () => {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        this.#db.prepare('DELETE FROM messages WHERE conversation_id = ?').run(id);
        const { changes } = this.#db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
        this.#db.exec('COMMIT');
        return Number(changes) > 0;
      } catch (error) {
        this.#db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  /** Closes the connection; safe to call twice. */
  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }

  /** The statement of `sql`, prepared once per store. */
  #prepared(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #run<T>(what: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof ConversationError) throw error;
      throw new ConversationError(
        `Cannot ${what} in ${this.file} (${errorMessage(error)}).`,
        { file: this.file, cause: error },
      );
    }
  }
}

/**
 * Opens (creating when missing: folder 0700, file 0600) and migrates the conversation store at
 * `file` (`:memory:` for one that lives in memory). Throws {@link ConversationError} when the
 * file cannot be created or opened, is damaged, or was written by a newer chatmeter; the file is
 * then left as it was.
 */
export function openConversationStore(file: string): ConversationStore {
  let db: DatabaseSync | undefined;
  try {
    db = openMigratedFile(file, {
      timeoutMs: STORE_BUSY_TIMEOUT_MS,
      migrations: CONVERSATION_MIGRATIONS,
      newer: (found) =>
        new ConversationError(
          `${file} was written by a newer chatmeter (v${found}; this one knows up to v${CONVERSATION_SCHEMA_VERSION}). Upgrade chatmeter to use it.`,
          { file },
        ),
    });
    return new ConversationStore(file, db);
  } catch (error) {
    db?.close();
    if (error instanceof ConversationError) throw error;
    const reason = errorMessage(error);
    const advice = /not a database|malformed|corrupt/i.test(reason)
      ? 'is damaged; move it aside to start a new one'
      : /locked|busy/i.test(reason)
        ? 'is locked by another program; try again when it is done'
        : "cannot be opened; check the folder's permissions or set CHATMETER_HOME";
    throw new ConversationError(`${file} ${advice} (${reason}).`, { file, cause: error });
  }
}
