import { type Dispatch, useCallback, useLayoutEffect, useRef } from 'react';
import type { ChatEvent } from '../../core/chat/types';
import { errorMessage } from '../../core/errors';
import type { ProviderError } from '../../core/providers/errors';
import type { CallRecord } from '../../core/usage/types';
import type { ReplAction, TurnProgress } from '../state/repl-reducer';
import type { TurnRunner } from '../turns';

/** The part of the chat session the UI streams replies from. */
export interface ChatPort {
  readonly model: string;
  send(text: string, signal: AbortSignal): AsyncIterable<ChatEvent>;
}

/** Least time between two screen updates of a streaming reply, milliseconds. */
export const FLUSH_INTERVAL_MS = 50;

/**
 * Most characters of reply text drawn by one update (about 20 lines): a 20,000-token reply
 * drawn in 4,096-character pieces left the process at 125 MiB resident, in 1,024 at 107 MiB.
 */
export const MAX_PIECE_CHARS = 1024;

/** Length of the first display piece of `text`: at most {@link MAX_PIECE_CHARS}, cut after a line end if possible. */
function pieceLength(text: string): number {
  if (text.length <= MAX_PIECE_CHARS) return text.length;
  const newline = text.lastIndexOf('\n', MAX_PIECE_CHARS - 1);
  return newline >= 0 ? newline + 1 : MAX_PIECE_CHARS;
}

/** Splits text into pieces of at most {@link MAX_PIECE_CHARS}, cut after a line end if possible. */
export function splitForDisplay(text: string): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    const length = pieceLength(text.slice(at, at + MAX_PIECE_CHARS + 1));
    pieces.push(text.slice(at, at + length));
    at += length;
  }
  return pieces;
}

/**
 * Longest wait for React to commit a dispatched piece before the next one goes anyway (the app
 * may have stopped rendering: an exit while a reply streams).
 */
const COMMIT_WAIT_MS = 250;

/**
 * The line shown when a call ended with an error. A cancelled reply says so plainly, and whether
 * anything was counted: nothing when the provider never had the request (no tokens, no `~`).
 */
export function endErrorMessage(error: ProviderError | null, call: CallRecord): string | null {
  if (error === null) return null;
  if (error.kind !== 'cancelled') return error.message;
  return call.estimated
    ? 'Reply cancelled. Its usage so far is recorded (marked ~).'
    : 'Reply cancelled before the provider answered: no tokens counted.';
}

/**
 * Streams one reply per `send` into the REPL state; `shown` is what the transcript shows for the
 * message when that differs from what is sent (the typed text, without attached files' contents).
 * Text and progress are batched and flushed at most every {@link FLUSH_INTERVAL_MS} (a fast
 * stream must not re-render per token); the turn runs in `turns` so Ctrl+C and every way out can
 * abort it.
 */
export function useChat(
  chat: ChatPort,
  turns: TurnRunner,
  dispatch: Dispatch<ReplAction>,
  mock: boolean,
): (text: string, shown?: string) => boolean {
  // Waiters for the next commit: a piece is drawn before the next one is dispatched, however
  // long a render takes (React may otherwise fold several dispatches into one render).
  const committed = useRef<(() => void)[]>([]);
  useLayoutEffect(() => {
    for (const resolve of committed.current.splice(0)) resolve();
  });
  return useCallback(
    (text: string, shown?: string) => {
      if (turns.busy) return false;
      dispatch({ type: 'user-sent', text: shown ?? text, model: chat.model });
      return turns.start(async (signal) => {
        let pending = '';
        let progress: TurnProgress | null = null;
        let timer: NodeJS.Timeout | null = null;
        // Draws one bounded piece of the pending text (with the progress on the last one). A
        // burst (a fast stream, a non-streamed reply) is drawn one piece per render: dispatches
        // made together are rendered together, and thousands of lines laid out in one frame
        // cost a heap peak that the process keeps as resident memory.
        const flushPiece = () => {
          const length = pieceLength(pending);
          const piece = pending.slice(0, length);
          pending = pending.slice(length);
          dispatch({ type: 'reply-chunk', text: piece, progress: pending === '' ? progress : null });
          if (pending === '') progress = null;
        };
        const nextCommit = () =>
          new Promise<void>((resolve) => {
            committed.current.push(resolve);
            setTimeout(resolve, COMMIT_WAIT_MS).unref();
          });
        // Draws what is pending, one piece per commit; text that streams in meanwhile joins it.
        let drawing: Promise<void> | null = null;
        const draw = async () => {
          while (pending !== '' || progress !== null) {
            flushPiece();
            if (pending !== '') await nextCommit();
          }
        };
        const flush = (): Promise<void> => {
          if (timer) clearTimeout(timer);
          timer = null;
          return (drawing ??= draw().finally(() => {
            drawing = null;
          }));
        };
        // Everything pending drawn before what comes next (a notice, the turn's end).
        const drain = flush;
        const schedule = () => {
          timer ??= setTimeout(() => void flush(), FLUSH_INTERVAL_MS);
        };
        try {
          for await (const event of chat.send(text, signal)) {
            switch (event.type) {
              case 'text':
                pending += event.text;
                schedule();
                break;
              case 'progress':
                progress = {
                  usage: event.usage,
                  estimated: event.estimated,
                  costPicoUsd: event.costPicoUsd,
                  simulatedCostPicoUsd: event.simulatedCostPicoUsd ?? null,
                };
                schedule();
                break;
              case 'notice':
                await drain();
                dispatch({ type: 'notice', level: event.level, text: event.message });
                break;
              case 'end':
                await drain();
                dispatch({
                  type: 'turn-ended',
                  call: event.call,
                  reply: event.reply,
                  errorMessage: endErrorMessage(event.error, event.call),
                  mock,
                });
                break;
              case 'blocked':
                await drain();
                dispatch({ type: 'turn-stopped', level: 'warn', message: event.message });
                break;
              default: {
                const unreachable: never = event;
                throw new Error(`unknown chat event ${JSON.stringify(unreachable)}`);
              }
            }
          }
        } catch (error) {
          await drain();
          dispatch({
            type: 'turn-stopped',
            level: 'error',
            message: `The reply failed: ${errorMessage(error)}`,
          });
        } finally {
          if (timer) clearTimeout(timer);
        }
      });
    },
    [chat, turns, dispatch, mock],
  );
}
