import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/core/usage/types';
import { MAX_PIECE_CHARS, splitForDisplay } from '../../src/ui/hooks/use-chat';
import { markdownLineText } from '../../src/ui/markdown';
import {
  initialReplState,
  type ReplAction,
  type ReplState,
  replReducer,
  type TranscriptItem,
} from '../../src/ui/state/repl-reducer';

function call(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    callId: 'c1',
    sessionId: 's1',
    provider: 'openai',
    model: 'gpt-4o',
    outcome: 'ok',
    usage: {
      inputTokens: 1200,
      cacheReadTokens: 1000,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      outputTokens: 300,
      reasoningTokens: 100,
    },
    estimated: false,
    costPicoUsd: 6_500_000_000n,
    simulatedCostPicoUsd: null,
    cacheSavingsPicoUsd: 0n,
    latencyMs: 1234,
    errorKind: null,
    endedAtMs: 0,
    ...overrides,
  };
}

function run(actions: ReplAction[], state: ReplState = initialReplState()): ReplState {
  return actions.reduce(replReducer, state);
}

function texts(items: readonly TranscriptItem[]): string[] {
  return items.flatMap((item) => {
    if (item.kind === 'reply') return item.lines.map(markdownLineText);
    return [`${item.kind}: ${item.text}`];
  });
}

describe('the transcript reducer', () => {
  it('starts with the start-up notices as finished items', () => {
    const state = initialReplState([
      { level: 'warn', text: 'config.json is not valid JSON' },
      { level: 'info', text: 'mock mode' },
    ]);
    expect(texts(state.items)).toEqual([
      'notice: config.json is not valid JSON',
      'notice: mock mode',
    ]);
    expect(state.items.map((item) => (item.kind === 'notice' ? item.level : item.kind))).toEqual([
      'warn',
      'info',
    ]);
    expect(state.turn).toBeNull();
  });

  it('moves every complete line of a streaming reply into the transcript and keeps the open line live', () => {
    const state = run([
      { type: 'user-sent', text: 'q', model: 'gpt-4o' },
      { type: 'reply-chunk', text: '# Ti', progress: null },
      { type: 'reply-chunk', text: 'tle\nfirst line\nsec', progress: null },
    ]);
    expect(texts(state.items)).toEqual(['user: q', 'Title', 'first line']);
    expect(state.turn?.tail).toBe('sec');
  });

  it('flushes the open line and adds one usage line when the call ends', () => {
    const state = run([
      { type: 'user-sent', text: 'q', model: 'gpt-4o' },
      { type: 'reply-chunk', text: 'only line', progress: null },
      { type: 'turn-ended', call: call(), reply: 'only line', errorMessage: null, mock: false },
    ]);
    expect(texts(state.items)).toEqual([
      'user: q',
      'only line',
      'usage: gpt-4o · in 2,200 (1,000 cached) · out 300 (100 reasoning) · $0.0065 · 1.2s',
    ]);
    expect(state.turn).toBeNull();
    expect(state.contextTokens).toBe(2500);
  });

  it('shows a reply that arrived only with the end event (no streaming)', () => {
    const state = run([
      { type: 'user-sent', text: 'q', model: 'gpt-4o' },
      { type: 'turn-ended', call: call(), reply: 'whole\nreply', errorMessage: null, mock: false },
    ]);
    expect(texts(state.items).slice(1, 3)).toEqual(['whole', 'reply']);
  });

  it('marks an aborted call estimated and cancelled, with a warning line', () => {
    const aborted = call({ outcome: 'aborted', estimated: true, errorKind: 'cancelled' });
    const state = run([
      { type: 'user-sent', text: 'q', model: 'gpt-4o' },
      {
        type: 'turn-ended',
        call: aborted,
        reply: '',
        errorMessage: 'Reply cancelled.',
        mock: false,
      },
    ]);
    expect(texts(state.items).slice(1)).toEqual([
      'usage: gpt-4o · in ~2,200 (1,000 cached) · out ~300 (100 reasoning) · ~$0.0065 · 1.2s · cancelled',
      'notice: Reply cancelled.',
    ]);
    expect(state.items.at(-1)).toMatchObject({ kind: 'notice', level: 'warn' });
  });

  it('shows a failed call as one sanitised error line, no usage line, and keeps the context size', () => {
    const failed = call({
      outcome: 'failed',
      usage: {
        ...call().usage,
        inputTokens: 0,
        cacheReadTokens: 0,
        outputTokens: 0,
        reasoningTokens: 0,
      },
      costPicoUsd: 0n,
    });
    const before = run([
      { type: 'user-sent', text: 'a', model: 'gpt-4o' },
      { type: 'turn-ended', call: call(), reply: 'x', errorMessage: null, mock: false },
    ]);
    const state = run(
      [
        { type: 'user-sent', text: 'b', model: 'gpt-4o' },
        {
          type: 'turn-ended',
          call: failed,
          reply: '',
          errorMessage: 'Rate limited (429).\n  Retry in 20s.\x1b[2J',
          mock: false,
        },
      ],
      before,
    );
    expect(state.items.slice(before.items.length)).toEqual([
      { id: before.nextId, kind: 'user', text: 'b' },
      {
        id: before.nextId + 1,
        kind: 'notice',
        level: 'error',
        text: 'Rate limited (429). Retry in 20s.␛[2J',
      },
    ]);
    expect(state.contextTokens).toBe(2500);
  });

  it('prints unpriced and mock-simulated costs plainly', () => {
    const unpriced = run([
      { type: 'user-sent', text: 'q', model: 'x' },
      {
        type: 'turn-ended',
        call: call({ costPicoUsd: null }),
        reply: 'r',
        errorMessage: null,
        mock: false,
      },
    ]);
    expect(texts(unpriced.items).at(-1)).toContain('· unpriced ·');
    const mock = run([
      { type: 'user-sent', text: 'q', model: 'x' },
      {
        type: 'turn-ended',
        call: call({ costPicoUsd: 0n, simulatedCostPicoUsd: 6_500_000_000n }),
        reply: 'r',
        errorMessage: null,
        mock: true,
      },
    ]);
    expect(texts(mock.items).at(-1)).toContain('· sim $0.0065 ·');
  });

  it('gives every item a unique increasing id and never changes earlier items', () => {
    const first = run([{ type: 'notice', level: 'info', text: 'a' }]);
    const second = run(
      [
        { type: 'block', text: 'table' },
        { type: 'cleared', text: 'New conversation.' },
      ],
      first,
    );
    expect(second.items.slice(0, first.items.length)).toEqual(first.items);
    expect(second.items.map((i) => i.id)).toEqual([0, 1, 2]);
    expect(second.contextTokens).toBeNull();
  });

  it('lets go of written items and keeps counting ids from where it was', () => {
    const three = run([
      { type: 'notice', level: 'info', text: 'a' },
      { type: 'block', text: 'b' },
      { type: 'block', text: 'c' },
    ]);
    const written = run([{ type: 'written', throughId: 1 }], three);
    expect(texts(written.items)).toEqual(['block: c']);
    const next = run([{ type: 'block', text: 'd' }], written);
    expect(next.items.map((i) => i.id)).toEqual([2, 3]);
    expect(next.nextId).toBe(4);
    expect(run([{ type: 'written', throughId: 1 }], next)).toBe(next);
  });

  it('ends a blocked turn with a warning and no usage line', () => {
    const state = run([
      { type: 'user-sent', text: 'q', model: 'gpt-4o' },
      { type: 'turn-stopped', level: 'warn', message: 'Budget would be exceeded.' },
    ]);
    expect(texts(state.items)).toEqual(['user: q', 'notice: Budget would be exceeded.']);
    expect(state.turn).toBeNull();
  });
});

describe('splitForDisplay', () => {
  it('cuts a burst of text after line ends into pieces of at most MAX_PIECE_CHARS', () => {
    const line = `${'x'.repeat(99)}\n`;
    const text = line.repeat(100);
    const pieces = splitForDisplay(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= MAX_PIECE_CHARS && p.endsWith('\n'))).toBe(true);
    expect(pieces.length).toBe(Math.ceil(text.length / (Math.floor(MAX_PIECE_CHARS / 100) * 100)));
  });

  it('cuts a long line without line ends at the limit and keeps short text whole', () => {
    const text = 'y'.repeat(MAX_PIECE_CHARS * 2 + 5);
    expect(splitForDisplay(text).map((p) => p.length)).toEqual([
      MAX_PIECE_CHARS,
      MAX_PIECE_CHARS,
      5,
    ]);
    expect(splitForDisplay('short')).toEqual(['short']);
    expect(splitForDisplay('')).toEqual([]);
  });
});
