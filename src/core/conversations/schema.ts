/**
 * Forward migrations of the conversation store (`conversations.db`), kept apart from the usage
 * ledger so the ledger never holds text: entry `i` moves the file from `PRAGMA user_version` i to
 * i + 1. Never edit a published entry; append a new one.
 */
export const CONVERSATION_MIGRATIONS: readonly string[] = [
  // v1: conversations and their messages. A reply links to the ledger's call by the call id (and
  // the session that made it); its tokens and cost are kept here too, so listing a conversation
  // needs no ledger (which may be off). Money is integer pico-USD; times are epoch ms.
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     mode TEXT NOT NULL CHECK (mode IN ('real', 'mock')),
     provider TEXT NOT NULL,
     model TEXT NOT NULL,
     system TEXT
   );
   CREATE INDEX conversations_by_update ON conversations (updated_at);
   CREATE TABLE messages (
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     seq INTEGER NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
     content TEXT NOT NULL,
     provider TEXT NOT NULL,
     model TEXT NOT NULL,
     session_id TEXT NOT NULL,
     call_id TEXT,
     prompt_tokens INTEGER,
     output_tokens INTEGER,
     cost_pico INTEGER,
     simulated_cost_pico INTEGER,
     outcome TEXT,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (conversation_id, seq)
   ) WITHOUT ROWID;`,
  // v2: whether a reply's tokens were counted with the tokenizer (the provider sent no usage),
  // so a resume knows when the last call's figures are the provider's own, and why the reply
  // stopped (`max_tokens`...), so a cut reply is marked when shown again. Null before v2.
  `ALTER TABLE messages ADD COLUMN estimated INTEGER;
   ALTER TABLE messages ADD COLUMN stop_reason TEXT;`,
];
