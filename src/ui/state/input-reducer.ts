/**
 * The prompt's editing state as a pure reducer (tested without Ink): text, cursor, input history
 * and Tab-completion candidates. `use-input-line.ts` binds keys to these actions.
 */

/** The prompt's state. `cursor` is an index into `value` (UTF-16 units). */
export interface InputState {
  readonly value: string;
  readonly cursor: number;
  /** Sent lines, oldest first. */
  readonly history: readonly string[];
  /** Position while walking history (an index into `history`), or null when editing a draft. */
  readonly historyIndex: number | null;
  /** The text being edited before history walking started, restored when walking past the end. */
  readonly draft: string;
  /** Command names offered by an ambiguous Tab completion; cleared by the next edit. */
  readonly candidates: readonly string[];
}

/** What the prompt can do. */
export type InputAction =
  | { readonly type: 'insert'; readonly text: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'delete-forward' }
  | { readonly type: 'move'; readonly to: 'left' | 'right' | 'home' | 'end' }
  | { readonly type: 'delete-to-start' }
  | { readonly type: 'delete-to-end' }
  | { readonly type: 'delete-word' }
  | { readonly type: 'history'; readonly direction: 'up' | 'down' }
  | { readonly type: 'complete'; readonly value: string; readonly candidates: readonly string[] }
  | { readonly type: 'clear' }
  | { readonly type: 'submitted' };

/** Most history entries kept. */
export const HISTORY_LIMIT = 500;

/** An empty prompt with the given history. */
export function initialInputState(history: readonly string[] = []): InputState {
  return { value: '', cursor: 0, history, historyIndex: null, draft: '', candidates: [] };
}

/** Pasted or typed text with CRLF and CR line ends turned into LF. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function edit(state: InputState, value: string, cursor: number): InputState {
  return { ...state, value, cursor, historyIndex: null, candidates: [] };
}

function walkHistory(state: InputState, direction: 'up' | 'down'): InputState {
  const { history, historyIndex } = state;
  if (direction === 'up') {
    if (history.length === 0 || historyIndex === 0) return state;
    const index = historyIndex === null ? history.length - 1 : historyIndex - 1;
    const draft = historyIndex === null ? state.value : state.draft;
    const value = history[index]!;
    return { ...state, value, cursor: value.length, historyIndex: index, draft, candidates: [] };
  }
  if (historyIndex === null) return state;
  if (historyIndex >= history.length - 1) {
    return { ...state, value: state.draft, cursor: state.draft.length, historyIndex: null };
  }
  const value = history[historyIndex + 1]!;
  return { ...state, value, cursor: value.length, historyIndex: historyIndex + 1, candidates: [] };
}

/** The reducer. Pure: returns the same object when nothing changes. */
export function inputReducer(state: InputState, action: InputAction): InputState {
  const { value, cursor } = state;
  switch (action.type) {
    case 'insert': {
      const text = normalizeNewlines(action.text);
      if (text === '') return state;
      return edit(state, value.slice(0, cursor) + text + value.slice(cursor), cursor + text.length);
    }
    case 'backspace':
      if (cursor === 0) return state;
      return edit(state, value.slice(0, cursor - 1) + value.slice(cursor), cursor - 1);
    case 'delete-forward':
      if (cursor >= value.length) return state;
      return edit(state, value.slice(0, cursor) + value.slice(cursor + 1), cursor);
    case 'move': {
      const to = {
        left: Math.max(0, cursor - 1),
        right: Math.min(value.length, cursor + 1),
        home: 0,
        end: value.length,
      }[action.to];
      return to === cursor ? state : { ...state, cursor: to };
    }
    case 'delete-to-start':
      return edit(state, value.slice(cursor), 0);
    case 'delete-to-end':
      return edit(state, value.slice(0, cursor), cursor);
    case 'delete-word': {
      const before = value.slice(0, cursor).replace(/\S+\s*$/, '');
      return edit(state, before + value.slice(cursor), before.length);
    }
    case 'history':
      return walkHistory(state, action.direction);
    case 'complete':
      return { ...edit(state, action.value, action.value.length), candidates: action.candidates };
    case 'clear':
      return edit(state, '', 0);
    case 'submitted': {
      const entry = value.trim();
      const history =
        entry === '' || state.history.at(-1) === value
          ? state.history
          : [...state.history, value].slice(-HISTORY_LIMIT);
      return initialInputState(history);
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
