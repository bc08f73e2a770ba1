import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatOptions } from '../../src/cli/options';
import { buildChatServices, type ChatServices } from '../../src/cli/services';
import { readConversation } from '../../src/core/conversations/resume';
import { openConversationStore } from '../../src/core/conversations/store';
import { collect, endOf } from '../core/chat/helpers';

const built: ChatServices[] = [];
afterEach(async () => {
  for (const services of built.splice(0)) await services.close();
});

const sink = { write: () => true } as unknown as Writable & { isTTY: boolean };

/** The real chat services in `home`, mock replies unpaced, no ledger, conversations saved. */
async function chat(home: string, flags: Partial<ChatOptions> = {}): Promise<ChatServices> {
  const env = { CHATMETER_HOME: home, CHATMETER_MOCK_DELAY_MS: '0' };
  const services = await buildChatServices(
    { stream: true, ledger: false, color: false, ...flags },
    { stdout: sink, stderr: sink, stdin: process.stdin, env },
  );
  built.push(services);
  return services;
}

async function threeTurns(home: string) {
  const services = await chat(home, { mock: true, model: 'claude-sonnet-4-5' });
  for (const text of ['one', 'two', 'three']) {
    endOf(await collect(services.session.send(text, new AbortController().signal)));
  }
  const figure = services.session.nextTurn();
  await services.close();
  return figure;
}

describe('the next-turn figure of a resumed conversation', () => {
  it('is the one its last call measured, at once and exact (-c)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'chatmeter-resume-next-'));
    const before = await threeTurns(home);
    expect(before).toMatchObject({ estimated: false });
    const resumed = await chat(home, { continue: true });
    expect(resumed.session.nextTurn()).toEqual(before);
  });

  it('is the one its last call measured after /resume on the same model', async () => {
    const home = mkdtempSync(join(tmpdir(), 'chatmeter-resume-next-'));
    const before = await threeTurns(home);
    const services = await chat(home, { mock: true, model: 'claude-sonnet-4-5' });
    const [saved] = services.conversations!.recent(1);
    services.conversations!.resume(saved!.id);
    expect(services.session.nextTurn()).toEqual(before);
  });

  it('is counted again, marked estimated, on another model', async () => {
    const home = mkdtempSync(join(tmpdir(), 'chatmeter-resume-next-'));
    const before = await threeTurns(home);
    const resumed = await chat(home, { continue: true, mock: true, model: 'gpt-4o' });
    await resumed.session.measureConversation();
    const figure = resumed.session.nextTurn();
    expect(figure).toMatchObject({ estimated: true });
    expect(figure!.promptTokens).not.toBe(0);
    expect(before!.estimated).toBe(false);
  });
});

describe('/resume of a conversation held with a system prompt', () => {
  it('goes on with its system prompt, and /clear goes back to the session’s own', async () => {
    const home = mkdtempSync(join(tmpdir(), 'chatmeter-resume-system-'));
    const first = await chat(home, { mock: true, model: 'gpt-4o', system: 'Answer in French.' });
    endOf(await collect(first.session.send('one', new AbortController().signal)));
    const id = first.recorder!.conversationId!;
    await first.close();

    const services = await chat(home, { mock: true, model: 'gpt-4o' });
    const { notices } = services.conversations!.resume(id.slice(0, 8));
    expect(notices).toEqual(['It goes on with the system prompt it was held with.']);
    expect(services.session.system).toBe('Answer in French.');
    endOf(await collect(services.session.send('two', new AbortController().signal)));
    services.session.clear();
    expect(services.session.system).toBeUndefined();
    endOf(await collect(services.session.send('three', new AbortController().signal)));
    const [latest, resumed] = services.conversations!.recent(2);
    expect([resumed!.id, resumed!.turns, latest!.turns]).toEqual([id, 2, 1]);
    const store = openConversationStore(join(home, 'conversations.db'));
    expect(readConversation(store, { id: latest!.id }).system).toBeNull();
    store.close();
  });
});
