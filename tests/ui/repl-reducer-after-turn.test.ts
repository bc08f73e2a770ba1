import { describe, expect, it } from 'vitest';
import { markdownLineText } from '../../src/ui/markdown';
import {
  initialReplState,
  type ReplAction,
  replReducer,
  type TranscriptItem,
} from '../../src/ui/state/repl-reducer';
import { makeCall } from '../core/usage/tracker-fixtures';

function texts(actions: ReplAction[]): string[] {
  const state = actions.reduce(replReducer, initialReplState());
  return state.items.flatMap((item: TranscriptItem) =>
    item.kind === 'reply' ? item.lines.map(markdownLineText) : [`${item.kind}: ${item.text}`],
  );
}

const BUDGET = 'Budget: the session budget is 80% used.';

describe('notices about a turn (budget crossings)', () => {
  it('wait for the reply in flight and follow its usage line', () => {
    expect(
      texts([
        { type: 'user-sent', text: 'hi', model: 'gpt-4o' },
        { type: 'reply-chunk', text: 'Hello', progress: null },
        { type: 'notice', level: 'warn', text: BUDGET, afterTurn: true },
        {
          type: 'turn-ended',
          call: makeCall({ model: 'gpt-4o', usage: { inputTokens: 5, outputTokens: 2 } }),
          reply: 'Hello',
          errorMessage: null,
          mock: false,
        },
      ]),
    ).toEqual([
      'user: hi',
      'Hello',
      expect.stringMatching(/^usage: gpt-4o · in 5 · out 2/),
      `notice: ${BUDGET}`,
    ]);
  });

  it('follow the stop notice of a turn that ended without a call', () => {
    expect(
      texts([
        { type: 'user-sent', text: 'hi', model: 'gpt-4o' },
        { type: 'notice', level: 'warn', text: BUDGET, afterTurn: true },
        { type: 'turn-stopped', level: 'error', message: 'Budget: not sent.' },
      ]),
    ).toEqual(['user: hi', 'notice: Budget: not sent.', `notice: ${BUDGET}`]);
  });

  it('show at once at an idle prompt', () => {
    expect(texts([{ type: 'notice', level: 'warn', text: BUDGET, afterTurn: true }])).toEqual([
      `notice: ${BUDGET}`,
    ]);
  });
});
