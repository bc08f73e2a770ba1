/**
 * The transcript and turn state of the REPL as a pure reducer (tested without Ink). Finished
 * items are appended for Ink's `<Static>` and let go once it has written them (`written`), so
 * the state holds only what the screen still has to draw; while a reply streams, every complete
 * line moves into the transcript at once and only the open line (`turn.tail`) stays live.
 * All text from outside (replies, errors, pasted input) is sanitised here.
 */
import type { CallRecord, Usage } from '../../core/usage/types';
import { promptTokensOf } from '../../core/pricing/cost';
import { formatUsageLine } from '../format';
import { savedMessageLine } from '../../core/files/attachment';
import {
  INITIAL_MARKDOWN_STATE,
  type MarkdownLine,
  type MarkdownState,
  renderMarkdownLines,
} from '../markdown';
import { sanitizeTerminalText } from '../../core/terminal-text';
import { cutMark, emptyReplyNote } from '../../core/usage/stop-reason';

/** A notice's level. */
export type NoticeLevel = 'info' | 'warn' | 'error';

/** A line for the user outside the reply: at start-up, after a turn, from a command. */
export interface Notice {
  readonly level: NoticeLevel;
  readonly text: string;
}

/** One finished item of the transcript. `id` is unique and increasing. */
export type TranscriptItem =
  | {
      readonly id: number;
      readonly kind: 'notice';
      readonly level: NoticeLevel;
      readonly text: string;
    }
  | { readonly id: number; readonly kind: 'user'; readonly text: string }
  | { readonly id: number; readonly kind: 'reply'; readonly lines: readonly MarkdownLine[] }
  | { readonly id: number; readonly kind: 'usage'; readonly text: string }
  /** Preformatted output of a command (tables, help); produced by us, not sanitised. */
  | { readonly id: number; readonly kind: 'block'; readonly text: string };

/** Live figures of the reply in flight. */
export interface TurnProgress {
  readonly usage: Usage;
  readonly estimated: boolean;
  readonly costPicoUsd: bigint | null;
  readonly simulatedCostPicoUsd: bigint | null;
}

/** The reply being streamed. */
export interface TurnState {
  readonly model: string;
  /** The open (incomplete) last line of the reply. */
  readonly tail: string;
  readonly markdown: MarkdownState;
  readonly progress: TurnProgress | null;
  /** Whether any reply text arrived (a non-streamed reply may come only with `end`). */
  readonly receivedText: boolean;
  /** Notices held back until the turn's own output is in the transcript (budget crossings). */
  readonly afterNotices?: readonly Notice[];
}

/** A message of a resumed conversation, shown again in the transcript. */
export interface EarlierMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  /** The model the message went to, or that replied. */
  readonly model: string;
  /** How a reply's call ended (`aborted`: cancelled or broken off, its text cut short); null or absent: ok. */
  readonly outcome?: string | null;
  /** Why the provider says a reply stopped (`max_tokens`...); null or absent: unknown. */
  readonly stopReason?: string | null;
}

/** The REPL's state. */
export interface ReplState {
  /** Finished items not yet written by `<Static>`, in id order (ids `nextId - items.length` on). */
  readonly items: readonly TranscriptItem[];
  /** The id of the next item: also how many items the transcript has had in all. */
  readonly nextId: number;
  /** The reply in flight, or null at an idle prompt. */
  readonly turn: TurnState | null;
  /** Tokens the conversation occupies (last call's prompt + output), or null before any call. */
  readonly contextTokens: number | null;
}

/** What can happen in the REPL. */
export type ReplAction =
  /**
   * `afterTurn`: a notice caused by the call in flight (a budget crossing): it waits until the
   * reply and its usage line are in the transcript, so it never shows above them.
   */
  | {
      readonly type: 'notice';
      readonly level: NoticeLevel;
      readonly text: string;
      readonly afterTurn?: boolean;
    }
  | { readonly type: 'block'; readonly text: string }
  | { readonly type: 'user-sent'; readonly text: string; readonly model: string }
  /** A slash command as typed, shown in the transcript before its output. */
  | { readonly type: 'echo'; readonly text: string }
  | { readonly type: 'reply-chunk'; readonly text: string; readonly progress: TurnProgress | null }
  | {
      readonly type: 'turn-ended';
      readonly call: CallRecord;
      readonly reply: string;
      readonly errorMessage: string | null;
      readonly mock: boolean;
    }
  /** The turn ended without a recorded call: the guard blocked it, or the stream failed. */
  | { readonly type: 'turn-stopped'; readonly level: NoticeLevel; readonly message: string }
  | { readonly type: 'cleared'; readonly text: string }
  /**
   * A saved conversation was resumed: its messages go into the transcript, and the context it
   * occupies (as last measured) into the status bar.
   */
  | {
      readonly type: 'restored';
      readonly messages: readonly EarlierMessage[];
      readonly contextTokens: number;
    }
  /** `<Static>` has written the items up to and including `throughId`: they leave the state. */
  | { readonly type: 'written'; readonly throughId: number };

/** The state at start-up, with the start-up notices as the first items. */
export function initialReplState(notices: readonly Notice[] = []): ReplState {
  const items = notices.map(
    (notice, index): TranscriptItem => ({
      id: index,
      kind: 'notice',
      level: notice.level,
      text: sanitizeTerminalText(notice.text),
    }),
  );
  return { items, nextId: items.length, turn: null, contextTokens: null };
}

/** A transcript item before it gets its id (`Omit` applied to each member of the union). */
type NewItem<T extends TranscriptItem = TranscriptItem> = T extends TranscriptItem
  ? Omit<T, 'id'>
  : never;

function append(state: ReplState, ...newItems: NewItem[]): ReplState {
  if (newItems.length === 0) return state;
  const items = [...state.items];
  let id = state.nextId;
  for (const item of newItems) items.push({ ...item, id: id++ } as TranscriptItem);
  return { ...state, items, nextId: id };
}

/** An error for the transcript: sanitised, its lines joined into one. */
function oneLine(message: string): string {
  return sanitizeTerminalText(message.trim().replace(/\s*\n\s*/g, ' '));
}

/** The notices a turn held back, as transcript items. */
function heldNotices(turn: TurnState | null): NewItem[] {
  return (turn?.afterNotices ?? []).map((notice) => ({ kind: 'notice', ...notice }));
}

/**
 * Most messages of a resumed conversation shown again (the last ones): drawing hundreds of
 * replies would hold the first frame for seconds, and the scrollback keeps only so much.
 */
export const MAX_EARLIER_MESSAGES = 40;

/** The messages of a resumed conversation as items: each user line, each reply rendered. */
function earlierItems(messages: readonly EarlierMessage[]): NewItem[] {
  const hidden = Math.max(0, messages.length - MAX_EARLIER_MESSAGES);
  const note: NewItem[] =
    hidden === 0
      ? []
      : [
          {
            kind: 'notice',
            level: 'info',
            text: `${hidden} earlier messages are not shown (chatmeter conversations show prints them all); all of them go with the next message.`,
          },
        ];
  return note.concat(...messages.slice(hidden).map((message): NewItem[] => {
    if (message.role === 'user') {
      // Attached files go with the message but are not shown again, as when it was sent.
      return [{ kind: 'user', text: sanitizeTerminalText(savedMessageLine(message.content)) }];
    }
    const text = sanitizeTerminalText(message.content);
    const { lines } = renderMarkdownLines(text.split('\n'), INITIAL_MARKDOWN_STATE);
    const model = sanitizeTerminalText(message.model);
    return [
      { kind: 'reply', lines },
      {
        kind: 'usage',
        text: [
          `${model} · earlier turn`,
          ...(message.outcome === 'aborted' ? ['cut short'] : []),
          ...[cutMark(message.stopReason)].filter((mark) => mark !== null),
        ].join(' · '),
      },
    ];
  }));
}

/** Moves the complete lines of `tail + text` into the transcript; keeps the open line live. */
function addReplyText(state: ReplState, turn: TurnState, text: string, final: boolean): ReplState {
  const combined = turn.tail + sanitizeTerminalText(text);
  const lines = combined.split('\n');
  const tail = final ? '' : lines.pop()!;
  const finished = final && lines.at(-1) === '' ? lines.slice(0, -1) : lines;
  const rendered = renderMarkdownLines(finished, turn.markdown);
  const next: TurnState = {
    ...turn,
    tail,
    markdown: rendered.state,
    receivedText: turn.receivedText || text.length > 0,
  };
  const withTurn = { ...state, turn: next };
  return rendered.lines.length > 0
    ? append(withTurn, { kind: 'reply', lines: rendered.lines })
    : withTurn;
}

/** The reducer. */
export function replReducer(state: ReplState, action: ReplAction): ReplState {
  switch (action.type) {
    case 'notice': {
      const notice = { level: action.level, text: sanitizeTerminalText(action.text) };
      if (action.afterTurn && state.turn) {
        const afterNotices = [...(state.turn.afterNotices ?? []), notice];
        return { ...state, turn: { ...state.turn, afterNotices } };
      }
      return append(state, { kind: 'notice', ...notice });
    }
    case 'block':
      return append(state, { kind: 'block', text: action.text });
    case 'echo':
      return append(state, { kind: 'user', text: sanitizeTerminalText(action.text) });
    case 'user-sent': {
      const turn: TurnState = {
        model: action.model,
        tail: '',
        markdown: INITIAL_MARKDOWN_STATE,
        progress: null,
        receivedText: false,
      };
      return { ...append(state, { kind: 'user', text: sanitizeTerminalText(action.text) }), turn };
    }
    case 'reply-chunk': {
      if (!state.turn) return state;
      const progress = action.progress ?? state.turn.progress;
      return addReplyText(state, { ...state.turn, progress }, action.text, false);
    }
    case 'turn-ended': {
      const turn = state.turn;
      let next = state;
      if (turn) {
        const text = turn.receivedText ? '' : action.reply;
        if (turn.tail !== '' || text !== '') next = addReplyText(state, turn, text, true);
      }
      const { call } = action;
      // A failed call consumed nothing: its error line says all (the summary counts it).
      const items: NewItem[] =
        call.outcome === 'failed'
          ? []
          : [{ kind: 'usage', text: formatUsageLine(call, action.mock) }];
      if (action.errorMessage !== null) {
        const text = oneLine(action.errorMessage);
        items.push({ kind: 'notice', level: call.outcome === 'aborted' ? 'warn' : 'error', text });
      }
      const empty = emptyReplyNote(call, action.reply);
      if (empty !== null) items.push({ kind: 'notice', level: 'warn', text: empty });
      const contextTokens =
        call.outcome === 'failed'
          ? state.contextTokens
          : promptTokensOf(call.usage) + call.usage.outputTokens;
      return { ...append(next, ...items, ...heldNotices(turn)), turn: null, contextTokens };
    }
    case 'turn-stopped': {
      const flushed = state.turn?.tail ? addReplyText(state, state.turn, '', true) : state;
      const text = oneLine(action.message);
      const stop: NewItem = { kind: 'notice', level: action.level, text };
      return { ...append(flushed, stop, ...heldNotices(state.turn)), turn: null };
    }
    case 'cleared':
      return {
        ...append(state, { kind: 'notice', level: 'info', text: action.text }),
        contextTokens: null,
      };
    case 'restored':
      return {
        ...append(state, ...earlierItems(action.messages)),
        contextTokens: action.contextTokens,
      };
    case 'written': {
      const kept = state.items.filter((item) => item.id > action.throughId);
      return kept.length === state.items.length ? state : { ...state, items: kept };
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
