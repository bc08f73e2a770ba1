import { stripVTControlCharacters } from 'node:util';
import { render as inkRender } from 'ink-testing-library';
import type { ReactElement } from 'react';

/** Keys `press` can send, as a terminal sends them. */
export const KEYS = {
  enter: '\r',
  tab: '\t',
  backspace: '\x7f',
  delete: '\x1b[3~',
  escape: '\x1b',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  'ctrl+a': '\x01',
  'ctrl+c': '\x03',
  'ctrl+d': '\x04',
  'ctrl+e': '\x05',
  'ctrl+u': '\x15',
  'ctrl+w': '\x17',
} as const;

/** A key name for `press`. */
export type KeyName = keyof typeof KEYS;

/** A rendered UI under test. */
export interface Rendered {
  /** The last frame (static output included), ANSI stripped. */
  frame(): string;
  /** The last frame as written, ANSI included. */
  rawFrame(): string;
  /** How many frames Ink has written so far (each render writes one). */
  frameCount(): number;
  /** Sends text as typed. */
  type(text: string): void;
  /** Sends one key. */
  press(key: KeyName): void;
  /** Sends text as a bracketed paste. */
  paste(text: string): void;
  /**
   * Polls until the stripped frame satisfies `predicate` (a string: contains it; a RegExp:
   * matches); resolves to that frame. Rejects with the last frame after `timeoutMs`.
   */
  waitForFrame(predicate: FramePredicate, timeoutMs?: number): Promise<string>;
  unmount(): void;
}

/** What `waitForFrame` waits for. */
export type FramePredicate = string | RegExp | ((frame: string) => boolean);

/** Turns a predicate into a test of a frame. */
export function frameTest(predicate: FramePredicate): (frame: string) => boolean {
  if (typeof predicate === 'string') return (frame) => frame.includes(predicate);
  if (predicate instanceof RegExp) return (frame) => predicate.test(frame);
  return predicate;
}

const POLL_MS = 5;

/**
 * The one render helper of the UI tests (over ink-testing-library): frames are stripped of ANSI
 * and waiting polls the frame, never sleeps a fixed time.
 */
export function render(ui: ReactElement): Rendered {
  const instance = inkRender(ui);
  const rawFrame = () => instance.lastFrame() ?? '';
  const frame = () => stripVTControlCharacters(rawFrame());
  return {
    frame,
    rawFrame,
    frameCount: () => instance.frames.length,
    type: (text) => instance.stdin.write(text),
    press: (key) => instance.stdin.write(KEYS[key]),
    paste: (text) => instance.stdin.write(`\x1b[200~${text}\x1b[201~`),
    waitForFrame: (predicate, timeoutMs = 5000) => {
      const test = frameTest(predicate);
      const deadline = Date.now() + timeoutMs;
      return new Promise((resolve, reject) => {
        const poll = () => {
          const current = frame();
          if (test(current)) resolve(current);
          else if (Date.now() > deadline) {
            reject(new Error(`timed out waiting for the frame; last frame:\n${current}`));
          } else setTimeout(poll, POLL_MS);
        };
        poll();
      });
    },
    unmount: () => instance.unmount(),
  };
}
