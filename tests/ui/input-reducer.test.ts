import { describe, expect, it } from 'vitest';
import {
  HISTORY_LIMIT,
  type InputAction,
  type InputState,
  initialInputState,
  inputReducer,
} from '../../src/ui/state/input-reducer';

const run = (actions: InputAction[], state: InputState = initialInputState()) =>
  actions.reduce(inputReducer, state);

describe('the prompt reducer', () => {
  it('inserts at the cursor and edits around it', () => {
    const state = run([
      { type: 'insert', text: 'helo' },
      { type: 'move', to: 'left' },
      { type: 'insert', text: 'l' },
    ]);
    expect(state).toMatchObject({ value: 'hello', cursor: 4 });
    expect(run([{ type: 'backspace' }], state)).toMatchObject({ value: 'helo', cursor: 3 });
    expect(run([{ type: 'delete-forward' }], state)).toMatchObject({ value: 'hell', cursor: 4 });
    expect(run([{ type: 'delete-to-start' }], state)).toMatchObject({ value: 'o', cursor: 0 });
    expect(run([{ type: 'delete-to-end' }], state)).toMatchObject({ value: 'hell', cursor: 4 });
  });

  it('keeps a pasted block as one value with LF line ends', () => {
    expect(run([{ type: 'insert', text: 'a\r\nb\rc' }])).toMatchObject({
      value: 'a\nb\nc',
      cursor: 5,
    });
  });

  it('deletes the word before the cursor', () => {
    expect(run([{ type: 'insert', text: 'one two  ' }, { type: 'delete-word' }]).value).toBe(
      'one ',
    );
  });

  it('walks history up and down and restores the draft', () => {
    let state = run([
      { type: 'insert', text: 'first' },
      { type: 'submitted' },
      { type: 'insert', text: 'second' },
      { type: 'submitted' },
      { type: 'insert', text: 'draft' },
    ]);
    expect(state.history).toEqual(['first', 'second']);
    state = run([{ type: 'history', direction: 'up' }], state);
    expect(state.value).toBe('second');
    state = run(
      [
        { type: 'history', direction: 'up' },
        { type: 'history', direction: 'up' },
      ],
      state,
    );
    expect(state.value).toBe('first');
    state = run(
      [
        { type: 'history', direction: 'down' },
        { type: 'history', direction: 'down' },
      ],
      state,
    );
    expect(state).toMatchObject({ value: 'draft', historyIndex: null });
  });

  it('does not record empty or repeated lines, and bounds the history', () => {
    const state = run([
      { type: 'insert', text: 'a' },
      { type: 'submitted' },
      { type: 'insert', text: 'a' },
      { type: 'submitted' },
      { type: 'submitted' },
    ]);
    expect(state.history).toEqual(['a']);
    const full = initialInputState(Array.from({ length: HISTORY_LIMIT }, (_, i) => `l${i}`));
    const next = run([{ type: 'insert', text: 'new' }, { type: 'submitted' }], full);
    expect(next.history).toHaveLength(HISTORY_LIMIT);
    expect(next.history.at(-1)).toBe('new');
  });

  it('shows completion candidates until the next edit', () => {
    const state = run([{ type: 'complete', value: '/m', candidates: ['/model', '/models'] }]);
    expect(state).toMatchObject({ value: '/m', cursor: 2, candidates: ['/model', '/models'] });
    expect(run([{ type: 'insert', text: 'o' }], state).candidates).toEqual([]);
  });

  it('returns the same state when nothing changes', () => {
    const state = initialInputState();
    expect(inputReducer(state, { type: 'backspace' })).toBe(state);
    expect(inputReducer(state, { type: 'move', to: 'left' })).toBe(state);
    expect(inputReducer(state, { type: 'history', direction: 'up' })).toBe(state);
  });
});
