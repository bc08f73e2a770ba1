import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSlashCommand } from '../../src/commands/registry';
import { ConversationRecorder } from '../../src/core/conversations/recorder';
import { openConversationStore } from '../../src/core/conversations/store';
import { ConversationSwitcher } from '../../src/core/conversations/switcher';
import { collect, endOf, mockChatSession } from '../core/chat/helpers';
import { commandContext } from './context';


/** A mock chat saving into `file`, with the `/resume` port over the same store. */
function chat(file: string, model = 'mock') {
  const recorder = new ConversationRecorder({
    open: () => openConversationStore(file),
    mode: 'mock',
  });
  const session = mockChatSession(model, { sessionId: `s-${model}`, turns: recorder });
  const send = async (text: string) =>
    endOf(await collect(session.send(text, new AbortController().signal)));
  const context = {
    ...commandContext(),
    session,
    conversations: new ConversationSwitcher({ file, session, recorder }),
  };
  return { session, send, recorder, context };
}

describe('/resume', () => {
  it('lists the saved conversations, numbered, and continues the one picked here', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chatmeter-resume-')), 'conversations.db');
    const earlier = chat(file, 'gpt-4o');
    await earlier.send('about apples');
    await earlier.send('and pears');
    earlier.session.clear();
    await earlier.send('something else');
    earlier.recorder.close();

    const now = chat(file);
    const listed = await runSlashCommand('/resume', now.context);
    expect(listed?.kind).toBe('text');
    const text = listed && 'text' in listed ? listed.text : '';
    expect(text.split('\n').slice(2, 4)).toEqual([
      expect.stringMatching(/^1 {2}[0-9a-f]{8} {2}.*gpt-4o\s+1\s+sim \$\S+\s+something else$/),
      expect.stringMatching(/^2 {2}[0-9a-f]{8} {2}.*gpt-4o\s+2\s+sim \$\S+\s+about apples$/),
    ]);
    expect(text.endsWith('Pick one with /resume <#> or /resume <id>.')).toBe(true);

    const resumed = await runSlashCommand('/resume 2', now.context);
    expect(resumed).toMatchObject({
      kind: 'resumed',
      text: expect.stringMatching(/^Resumed conversation [0-9a-f]{8}: 2 turns, [\d,]+ tokens of context, on gpt-4o\.$/),
      messages: [
        { role: 'user', content: 'about apples' },
        { role: 'assistant' },
        { role: 'user', content: 'and pears' },
        { role: 'assistant' },
      ],
    });
    expect(now.session.model).toBe('gpt-4o');
    const next = await now.send('and plums');
    expect(next.reply).toContain('- earlier turns in this conversation: 2\n');
    const saved = openConversationStore(file);
    expect(saved.list().map((c) => [c.firstMessage, c.turns])).toEqual([
      ['about apples', 3],
      ['something else', 1],
    ]);
    saved.close();
  });

  it('says what to do for an id that matches nothing, and when nothing is saved', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chatmeter-resume-')), 'conversations.db');
    const { context } = chat(file);
    expect(await runSlashCommand('/resume', context)).toEqual({
      kind: 'notice',
      level: 'info',
      text: 'No saved conversations yet.',
    });
    expect(await runSlashCommand('/resume 3f2a', context)).toEqual({
      kind: 'notice',
      level: 'error',
      text: 'No saved conversation starts with "3f2a". See chatmeter conversations list.',
    });
    expect(await runSlashCommand('/resume', commandContext())).toMatchObject({
      kind: 'notice',
      text: 'Conversations are not kept in this chat (--no-save or conversations.save false).',
    });
  });
});
