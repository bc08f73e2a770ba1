import { useInput, usePaste } from 'ink';
import { useReducer } from 'react';
import { type InputState, initialInputState, inputReducer } from '../state/input-reducer';

/** What the prompt reports to the app. */
export interface InputLineHandlers {
  /** A reply is streaming: Enter waits, Ctrl+C cancels the reply. */
  readonly busy: boolean;
  /** Enter with some text. */
  onSubmit(text: string): void;
  /** Ctrl+C while busy. */
  onCancel(): void;
  /** Ctrl+C or Ctrl+D at an empty idle prompt. */
  onExit(): void;
  /** Tab: the completed input and the candidates when ambiguous. */
  complete(value: string): { input: string; candidates: readonly string[] };
}

/**
 * Binds keys to the prompt's reducer: Enter sends (Alt+Enter adds a line), a paste of many lines
 * stays one message, Up/Down walk history, Tab completes commands, Ctrl+A/E/U/W edit, and
 * Ctrl+C cancels the reply, clears the input, or ends the session at an empty idle prompt.
 */
export function useInputLine(handlers: InputLineHandlers): InputState {
  const [state, dispatch] = useReducer(inputReducer, undefined, () => initialInputState());

  usePaste((text) => dispatch({ type: 'insert', text }));

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      if (handlers.busy) handlers.onCancel();
      else if (state.value !== '') dispatch({ type: 'clear' });
      else handlers.onExit();
      return;
    }
    if (key.ctrl && input === 'd') {
      if (state.value === '' && !handlers.busy) handlers.onExit();
      else dispatch({ type: 'delete-forward' });
      return;
    }
    if (key.return) {
      if (key.meta || key.shift) dispatch({ type: 'insert', text: '\n' });
      else if (state.value.trim() !== '' && !handlers.busy) {
        handlers.onSubmit(state.value);
        dispatch({ type: 'submitted' });
      }
      return;
    }
    if (key.tab) {
      const completion = handlers.complete(state.value);
      dispatch({ type: 'complete', value: completion.input, candidates: completion.candidates });
      return;
    }
    if (key.upArrow) dispatch({ type: 'history', direction: 'up' });
    else if (key.downArrow) dispatch({ type: 'history', direction: 'down' });
    else if (key.leftArrow) dispatch({ type: 'move', to: 'left' });
    else if (key.rightArrow) dispatch({ type: 'move', to: 'right' });
    else if (key.home || (key.ctrl && input === 'a')) dispatch({ type: 'move', to: 'home' });
    else if (key.end || (key.ctrl && input === 'e')) dispatch({ type: 'move', to: 'end' });
    else if (key.backspace) dispatch({ type: 'backspace' });
    else if (key.delete) dispatch({ type: 'delete-forward' });
    else if (key.ctrl && input === 'u') dispatch({ type: 'delete-to-start' });
    else if (key.ctrl && input === 'w') dispatch({ type: 'delete-word' });
    else if (!key.ctrl && !key.meta && !key.escape && input !== '') {
      // Without bracketed paste a pasted block arrives here as one string with its line ends.
      dispatch({ type: 'insert', text: input });
    }
  });

  return state;
}
