import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseSync } from 'node:sqlite';
import { ConversationRecorder } from '../../../src/core/conversations/recorder';
import { historyOf, readConversation } from '../../../src/core/conversations/resume';
import {
  type ConversationStore,
  openConversationStore,
} from '../../../src/core/conversations/store';
import { collect, endOf, mockChatSession } from '../chat/helpers';

const stores: ConversationStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function storeFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'chatmeter-rec-')), 'conversations.db');
}

function reader(file: string): ConversationStore {
  const store = openConversationStore(file);
  stores.push(store);
  return store;
}

let ids = 0;
function chat(recorder: ConversationRecorder, model = 'gpt-4o-mini') {
  const session = mockChatSession(model, { sessionId: `session-${++ids}`, turns: recorder });
  const send = async (text: string) =>
    collect(session.send(text, new AbortController().signal));
  return { session, send };
}

function recorderFor(file: string, conversationId?: string) {
  return new ConversationRecorder({
    open: () => openConversationStore(file),
    mode: 'mock',
    ...(conversationId ? { conversationId } : {}),
  });
}

describe('saving a chat', () => {
  it('saves each turn with its model and ledger call, and /clear starts a new conversation', async () => {
    const file = storeFile();
    const recorder = recorderFor(file);
    const { session, send } = chat(recorder);
    const first = endOf(await send('one'));
    const second = endOf(await send('two'));
    const firstId = recorder.conversationId!;
    session.clear();
    expect(recorder.conversationId).toBeNull();
    await send('three');
    recorder.close();

    const store = reader(file);
    expect(store.list().map((s) => [s.id === firstId, s.turns, s.firstMessage])).toEqual([
      [false, 1, 'three'],
      [true, 2, 'one'],
    ]);
    const saved = store.get(firstId)!;
    expect(saved.messages.map((m) => [m.role, m.content, m.callId, m.model])).toEqual([
      ['user', 'one', null, 'gpt-4o-mini'],
      ['assistant', first.reply, first.call.callId, 'gpt-4o-mini'],
      ['user', 'two', null, 'gpt-4o-mini'],
      ['assistant', second.reply, second.call.callId, 'gpt-4o-mini'],
    ]);
    expect(saved.simulatedCostPicoUsd).toBe(
      first.call.simulatedCostPicoUsd! + second.call.simulatedCostPicoUsd!,
    );
    expect(saved.messages[3]!.sessionId).toBe(session.sessionId);
  });

  it('continues a saved conversation: a new session sends its history and appends to it', async () => {
    const file = storeFile();
    const before = recorderFor(file);
    const { send } = chat(before);
    await send('one');
    await send('two');
    before.close();

    const conversation = readConversation(reader(file), { latest: true });
    const recorder = recorderFor(file, conversation.id);
    const { session, send: sendMore } = chat(recorder);
    session.loadConversation({ id: conversation.id, messages: historyOf(conversation) });
    const resumed = endOf(await sendMore('three'));
    recorder.close();

    expect(resumed.reply).toContain('- earlier turns in this conversation: 2\n');
    const saved = readConversation(reader(file), { id: conversation.id.slice(0, 8) });
    expect(saved.turns).toBe(3);
    expect(saved.messages.map((m) => m.sessionId)).toEqual([
      ...conversation.messages.map((m) => m.sessionId),
      session.sessionId,
      session.sessionId,
    ]);
  });

  it('says once that conversations are not saved when the store is damaged, and chats on', async () => {
    const file = storeFile();
    writeFileSync(file, 'not a database at all, just some text in the way');
    const recorder = recorderFor(file);
    expect(recorder.open()).toMatch(
      /^Conversations are not saved: .+ is damaged; move it aside to start a new one \(.+\)\. The chat goes on; its usage is still metered\.$/,
    );
    const { send } = chat(recorder);
    const events = await send('hello');
    expect(events.filter((e) => e.type === 'notice')).toEqual([]);
    expect(endOf(events).call.outcome).toBe('ok');
  });

  it('warns with a notice when a turn cannot be written, once, and the reply still ends', async () => {
    const file = storeFile();
    const recorder = recorderFor(file);
    const { send } = chat(recorder);
    await send('first');
    // The store breaks under the running chat.
    const raw = new DatabaseSync(file);
    raw.exec('DROP TABLE messages');
    raw.close();
    const second = await send('second');
    const notices = second.filter((e) => e.type === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      level: 'warn',
      message: expect.stringMatching(/^Conversations are not saved: Cannot save the turn in /),
    });
    expect(endOf(second).call.outcome).toBe('ok');
    const third = await send('third');
    expect(third.filter((e) => e.type === 'notice')).toEqual([]);
  });
});
