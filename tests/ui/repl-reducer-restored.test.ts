import { describe, expect, it } from 'vitest';
import { composeMessage } from '../../src/core/files/attachment';
import { markdownLineText } from '../../src/ui/markdown';
import {
  initialReplState,
  MAX_EARLIER_MESSAGES,
  replReducer,
} from '../../src/ui/state/repl-reducer';

describe('the transcript reducer on a resumed conversation', () => {
  it('shows each earlier message after what is there, replies rendered, and takes its context', () => {
    const start = initialReplState([{ level: 'info', text: 'Resumed conversation 3f2a9c1e' }]);
    const state = replReducer(start, {
      type: 'restored',
      contextTokens: 1234,
      messages: [
        { role: 'user', content: 'what is **bold**?\x1b[31m', model: 'gpt-4o' },
        { role: 'assistant', content: 'It is **this**.\n\n- a list', model: 'gpt-4o' },
      ],
    });
    const shown = state.items.map((item) =>
      item.kind === 'reply'
        ? `reply: ${item.lines.map(markdownLineText).join(' / ')}`
        : `${item.kind}: ${item.text}`,
    );
    expect(shown).toEqual([
      'notice: Resumed conversation 3f2a9c1e',
      'user: what is **bold**?␛[31m',
      'reply: It is this. /  / • a list',
      'usage: gpt-4o · earlier turn',
    ]);
    expect(state.contextTokens).toBe(1234);
    expect(state.nextId).toBe(4);
    expect(state.turn).toBeNull();
  });
});

describe('a resumed reply that was cancelled', () => {
  it.each([
    [{ stopReason: 'max_tokens' }, 'gpt-4o · earlier turn · cut: max tokens'],
    [{ stopReason: 'end_turn' }, 'gpt-4o · earlier turn'],
  ])('marks a reply the provider cut (%o) as the live usage line did', (fields, line) => {
    const state = replReducer(initialReplState(), {
      type: 'restored',
      contextTokens: 10,
      messages: [{ role: 'assistant', content: 'Well', model: 'gpt-4o', outcome: 'ok', ...fields }],
    });
    expect(state.items.at(-1)).toMatchObject({ kind: 'usage', text: line });
  });

  it('says under it that it was cut short', () => {
    const state = replReducer(initialReplState(), {
      type: 'restored',
      contextTokens: 10,
      messages: [
        { role: 'user', content: 'tell me everything', model: 'gpt-4o' },
        { role: 'assistant', content: 'Well, first', model: 'gpt-4o', outcome: 'aborted' },
      ],
    });
    expect(state.items.at(-1)).toEqual({
      id: 2,
      kind: 'usage',
      text: 'gpt-4o · earlier turn · cut short',
    });
  });
});

describe('a resumed message that had files attached', () => {
  it('shows the text and the files’ names, as when it was sent, not the files’ contents', () => {
    const message = composeMessage('what do they say?', [
      { name: 'notes.txt', text: 'line 1\nline 2\n', bytes: 14 },
      { name: 'b.md', text: '# B', bytes: 3 },
    ]);
    const state = replReducer(initialReplState(), {
      type: 'restored',
      contextTokens: 10,
      messages: [
        { role: 'user', content: message, model: 'gpt-4o' },
        { role: 'user', content: composeMessage('', [{ name: 'c.txt', text: 'c', bytes: 1 }]), model: 'gpt-4o' },
      ],
    });
    expect(state.items).toEqual([
      { id: 0, kind: 'user', text: 'what do they say?  [+ notes.txt, b.md]' },
      { id: 1, kind: 'user', text: '[+ c.txt]' },
    ]);
  });
});

describe('a long resumed conversation', () => {
  it('shows only its last messages, and says how many are not shown', () => {
    const messages = Array.from({ length: MAX_EARLIER_MESSAGES + 6 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `message ${i}`,
      model: 'mock',
    }));
    const state = replReducer(initialReplState(), { type: 'restored', contextTokens: 0, messages });
    expect(state.items[0]).toMatchObject({
      kind: 'notice',
      text: '6 earlier messages are not shown (chatmeter conversations show prints them all); all of them go with the next message.',
    });
    expect(state.items[1]).toMatchObject({ kind: 'user', text: 'message 6' });
    expect(state.items.filter((item) => item.kind === 'user')).toHaveLength(MAX_EARLIER_MESSAGES / 2);
  });
});
