import { useInput, usePaste } from 'ink';
import { useRef, useState } from 'react';
import {
  type InputAction,
  type InputState,
  initialInputState,
  inputReducer,
} from '../state/input-reducer';

/** What the prompt reports to the app. */
export interface InputLineHandlers {
  /** Whether a reply is streaming now (Enter waits, Ctrl+C cancels the reply). */
  isBusy(): boolean;
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
 * stays one message, Up/Down walk history, Tab completes commands, Ctrl+A/E/U/K/W edit, and
 * Ctrl+C cancels the reply, clears the input, or ends the session at an empty idle prompt.
 */
export function useInputLine(handlers: InputLineHandlers): InputState {
  const [rendered, setRendered] = useState(initialInputState);
  // Keys can arrive faster than React re-renders (text and Enter in one tick), so the state the
  // handlers read is kept in a ref and updated synchronously; the render state follows it.
  const latest = useRef(rendered);
  const dispatch = (action: InputAction) => {
    latest.current = inputReducer(latest.current, action);
    setRendered(latest.current);
  };

  usePaste((text) => dispatch({ type: 'insert', text }));

  useInput((input, key) => {
    const state = latest.current;
    if (key.ctrl && input === 'c') {
      if (handlers.isBusy()) handlers.onCancel();
      else if (state.value !== '') dispatch({ type: 'clear' });
      else handlers.onExit();
      return;
    }
    if (key.ctrl && input === 'd') {
      if (state.value === '' && !handlers.isBusy()) handlers.onExit();
      else dispatch({ type: 'delete-forward' });
      return;
    }
    const submit = (value: string) => {
      if (value.trim() === '' || handlers.isBusy()) return;
      handlers.onSubmit(value);
      dispatch({ type: 'submitted' });
    };
    // Keys typed before raw mode is on reach us through the tty's line discipline: Enter as LF.
    if (key.return || input === '\n') {
      if (key.meta || key.shift) dispatch({ type: 'insert', text: '\n' });
      else submit(state.value);
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
    else if (key.ctrl && input === 'k') dispatch({ type: 'delete-to-end' });
    else if (key.ctrl && input === 'w') dispatch({ type: 'delete-word' });
    else if (!key.ctrl && !key.meta && !key.escape && input !== '') {
      // Typed text and Enter can arrive in one chunk (fast typists, scripts, keys typed during
      // start-up, when the tty turns Enter into LF): send it. Without bracketed paste a pasted
      // block of several lines arrives as one chunk too: keep it one message.
      const typedLine = /^[^\r\n]+(?:\r\n?|\n)$/.exec(input);
      if (typedLine && state.cursor === state.value.length) {
        dispatch({ type: 'insert', text: input.replace(/[\r\n]+$/, '') });
        submit(latest.current.value);
      } else {
        dispatch({ type: 'insert', text: input });
      }
    }
  });

  return rendered;
}
