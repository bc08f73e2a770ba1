import { type Dispatch, useCallback } from 'react';
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

/** Most characters of reply text drawn by one update. */
export const MAX_PIECE_CHARS = 4096;

/** Splits text into pieces of at most {@link MAX_PIECE_CHARS}, cut after a line end if possible. */
export function splitForDisplay(text: string): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > MAX_PIECE_CHARS) {
    const newline = rest.lastIndexOf('\n', MAX_PIECE_CHARS - 1);
    const cut = newline >= 0 ? newline + 1 : MAX_PIECE_CHARS;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

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
  return useCallback(
    (text: string, shown?: string) => {
      if (turns.busy) return false;
      dispatch({ type: 'user-sent', text: shown ?? text, model: chat.model });
      return turns.start(async (signal) => {
        let pending = '';
        let progress: TurnProgress | null = null;
        let timer: NodeJS.Timeout | null = null;
        const flush = () => {
          if (timer) clearTimeout(timer);
          timer = null;
          if (pending === '' && progress === null) return;
          // Each dispatch draws its finished lines into <Static> at once; bounded pieces keep a
          // burst (a fast stream, a non-streamed reply) from laying out thousands of lines at once.
          const pieces = splitForDisplay(pending);
          if (pieces.length === 0) pieces.push('');
          for (const [index, piece] of pieces.entries()) {
            const last = index === pieces.length - 1;
            dispatch({ type: 'reply-chunk', text: piece, progress: last ? progress : null });
          }
          pending = '';
          progress = null;
        };
        const schedule = () => {
          timer ??= setTimeout(flush, FLUSH_INTERVAL_MS);
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
                flush();
                dispatch({ type: 'notice', level: event.level, text: event.message });
                break;
              case 'end':
                flush();
                dispatch({
                  type: 'turn-ended',
                  call: event.call,
                  reply: event.reply,
                  errorMessage: endErrorMessage(event.error, event.call),
                  mock,
                });
                break;
              case 'blocked':
                flush();
                dispatch({ type: 'turn-stopped', level: 'warn', message: event.message });
                break;
              default: {
                const unreachable: never = event;
                throw new Error(`unknown chat event ${JSON.stringify(unreachable)}`);
              }
            }
          }
        } catch (error) {
          flush();
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
