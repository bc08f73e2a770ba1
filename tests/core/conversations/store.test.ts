import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationError } from '../../../src/core/conversations/errors';
import {
  type ConversationStore,
  openConversationStore,
} from '../../../src/core/conversations/store';
import { CONVERSATION_MIGRATIONS } from '../../../src/core/conversations/schema';
import { type NewMessage, NO_CALL_FIELDS } from '../../../src/core/conversations/types';

const open: ConversationStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function freshFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'chatmeter-conv-')), 'data', 'conversations.db');
}

function storeAt(file: string): ConversationStore {
  const store = openConversationStore(file);
  open.push(store);
  return store;
}

function message(role: 'user' | 'assistant', content: string, extra: Partial<NewMessage> = {}) {
  const base: NewMessage = {
    role,
    content,
    provider: 'openai',
    model: 'gpt-4o',
    sessionId: 'session-1',
    ...NO_CALL_FIELDS,
    createdAtMs: 1_000,
  };
  return { ...base, ...extra };
}

function reply(
  content: string,
  callId: string,
  costPicoUsd: bigint | null,
  at: number,
  extra: Partial<NewMessage> = {},
) {
  return message('assistant', content, {
    ...extra,
    callId,
    costPicoUsd,
    promptTokens: 10,
    outputTokens: 5,
    outcome: 'ok',
    createdAtMs: at,
  });
}

function start(store: ConversationStore, id: string, createdAtMs = 1_000) {
  store.create({ id, createdAtMs, mode: 'real', provider: 'openai', model: 'gpt-4o', system: null });
}

describe('the conversation store', () => {
  it('creates its file with mode 0600 in a folder of mode 0700', () => {
    const file = freshFile();
    storeAt(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
  });

  it('keeps the messages in order with the ledger call of each reply and sums the cost exactly', () => {
    const store = storeAt(freshFile());
    start(store, 'aaaa1111');
    store.append('aaaa1111', [message('user', 'first?'), reply('one', 'call-1', 123_456_789_012n, 2_000)]);
    store.append('aaaa1111', [
      message('user', 'second?', { model: 'gpt-4o-mini' }),
      reply('two', 'call-2', 1n, 3_000),
    ]);
    const conversation = store.get('aaaa1111')!;
    expect(conversation.messages.map((m) => [m.seq, m.role, m.content, m.callId])).toEqual([
      [0, 'user', 'first?', null],
      [1, 'assistant', 'one', 'call-1'],
      [2, 'user', 'second?', null],
      [3, 'assistant', 'two', 'call-2'],
    ]);
    expect(conversation.messages[1]).toMatchObject({ costPicoUsd: 123_456_789_012n, promptTokens: 10 });
    expect(conversation).toMatchObject({
      turns: 2,
      costPicoUsd: 123_456_789_013n,
      unpricedTurns: 0,
      updatedAtMs: 3_000,
      firstMessage: 'first?',
    });
  });

  it('counts replies of unpriced models apart from the cost', () => {
    const store = storeAt(freshFile());
    start(store, 'bbbb');
    store.append('bbbb', [message('user', 'q'), reply('a', 'c1', null, 2_000)]);
    store.append('bbbb', [message('user', 'q'), reply('a', 'c2', 7n, 3_000)]);
    expect(store.list()[0]).toMatchObject({ turns: 2, costPicoUsd: 7n, unpricedTurns: 1 });
  });

  it('makes a mock conversation real once a real model replies in it, so its real cost is shown', () => {
    const store = storeAt(freshFile());
    store.create({ id: 'mixed', createdAtMs: 1_000, mode: 'mock', provider: 'mock', model: 'gpt-4o', system: null });
    const mock = { provider: 'mock', simulatedCostPicoUsd: 5n };
    store.append('mixed', [message('user', 'q', mock), reply('a', 'c1', 0n, 2_000, mock)]);
    expect(store.list()[0]).toMatchObject({ mode: 'mock', provider: 'mock' });
    store.append('mixed', [message('user', 'q'), reply('a', 'c2', 7n, 3_000)]);
    expect(store.list()[0]).toMatchObject({ mode: 'real', provider: 'openai', costPicoUsd: 7n });
    store.append('mixed', [message('user', 'q', mock), reply('a', 'c3', 0n, 4_000, mock)]);
    expect(store.list()[0]).toMatchObject({ mode: 'real', provider: 'mock', costPicoUsd: 7n });
  });

  it('lists the latest updated conversation first and reads it as the one to continue', () => {
    const store = storeAt(freshFile());
    start(store, 'older', 1_000);
    start(store, 'newer', 2_000);
    store.append('older', [message('user', 'late'), reply('r', 'c', 1n, 5_000)]);
    expect(store.list().map((s) => s.id)).toEqual(['older', 'newer']);
    expect(store.list(1)).toHaveLength(1);
    expect(store.latest()).toBe('older');
  });

  it('finds a conversation by a unique start of its id, and says what to do otherwise', () => {
    const store = storeAt(freshFile());
    for (const id of ['abc123', 'abd456', 'ff00']) start(store, id);
    expect(store.resolve('abc')).toBe('abc123');
    expect(store.resolve('FF00')).toBe('ff00');
    const fail = (ref: string) => {
      try {
        store.resolve(ref);
      } catch (error) {
        expect(error).toBeInstanceOf(ConversationError);
        expect((error as ConversationError).exitCode).toBe(2);
        return (error as Error).message;
      }
      throw new Error(`resolve(${ref}) did not throw`);
    };
    expect(fail('ab')).toBe(
      '"ab" starts 2 conversations (abc123, abd456); give more of the id. See chatmeter conversations list.',
    );
    expect(fail('99')).toBe(
      'No saved conversation starts with "99". See chatmeter conversations list.',
    );
    expect(fail('a%')).toMatch(/^"a%" is not a conversation id/);
  });

  it('removes a conversation with its messages', () => {
    const file = freshFile();
    const store = storeAt(file);
    start(store, 'gone');
    store.append('gone', [message('user', 'x'), reply('y', 'c', 1n, 2_000)]);
    expect(store.remove('gone')).toBe(true);
    expect(store.remove('gone')).toBe(false);
    expect(store.get('gone')).toBeNull();
    const db = new DatabaseSync(file);
    expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
    db.close();
  });

  it('opens a store of the first version and reads its replies as not known to be exact', () => {
    const file = freshFile();
    storeAt(file).close();
    const db = new DatabaseSync(file);
    db.exec(`DROP TABLE messages; DROP TABLE conversations; PRAGMA user_version = 0;`);
    db.exec(CONVERSATION_MIGRATIONS[0]!);
    db.exec(`PRAGMA user_version = 1;
      INSERT INTO conversations VALUES ('old', 1000, 2000, 'real', 'openai', 'gpt-4o', NULL);
      INSERT INTO messages (conversation_id, seq, role, content, provider, model, session_id,
        call_id, prompt_tokens, output_tokens, cost_pico, outcome, created_at)
        VALUES ('old', 0, 'assistant', 'a', 'openai', 'gpt-4o', 's', 'c', 10, 5, 1, 'ok', 2000);`);
    db.close();
    const store = storeAt(file);
    expect(store.get('old')!.messages[0]).toMatchObject({ promptTokens: 10, estimated: null });
    const cut = { estimated: false, stopReason: 'max_tokens' };
    store.append('old', [message('user', 'q'), reply('a', 'c2', 1n, 3_000, cut)]);
    expect(store.get('old')!.messages.map((m) => [m.estimated, m.stopReason])).toEqual([
      [null, null],
      [null, null],
      [false, 'max_tokens'],
    ]);
  });

  it('says plainly that a conversation removed meanwhile cannot take more turns', () => {
    const file = freshFile();
    const store = storeAt(file);
    start(store, 'removed');
    store.append('removed', [message('user', 'x'), reply('y', 'c1', 1n, 2_000)]);
    storeAt(file).remove('removed');
    expect(() => store.append('removed', [message('user', 'secret'), reply('z', 'c2', 1n, 3_000)])).toThrow(
      /^Conversation removed was deleted \(chatmeter conversations rm\)\.$/,
    );
    const db = new DatabaseSync(file);
    expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a damaged file in one line and leaves it as it was', () => {
    const file = freshFile();
    storeAt(file).close();
    writeFileSync(file, 'this is not a database, it only sits where one should be');
    const before = readFileSync(file);
    expect(() => openConversationStore(file)).toThrow(
      new RegExp(`^${file.replaceAll('/', '\\/')} is damaged; move it aside to start a new one \\(.+\\)\\.$`),
    );
    expect(readFileSync(file)).toEqual(before);
  });

  it('refuses a file written by a newer chatmeter without touching it', () => {
    const file = freshFile();
    storeAt(file).close();
    const db = new DatabaseSync(file);
    db.exec('PRAGMA user_version = 99');
    db.close();
    expect(() => openConversationStore(file)).toThrow(/written by a newer chatmeter \(v99;/);
  });

  it('gives up a write that another process keeps locked, with the reason', () => {
    const file = freshFile();
    const store = storeAt(file);
    start(store, 'busy');
    const other = new DatabaseSync(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(() => store.append('busy', [message('user', 'x'), reply('y', 'c', 1n, 2)])).toThrow(
        /^Cannot save the turn in .+ \(database is locked\)\.$/,
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(store.get('busy')!.messages).toEqual([]);
  });
});
