import { type Dispatch, useCallback, useReducer } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamingReply } from '../../../src/ui/components/streaming-reply';
import { Transcript } from '../../../src/ui/components/transcript';
import { type ChatPort, MAX_PIECE_CHARS, useChat } from '../../../src/ui/hooks/use-chat';
import {
  initialReplState,
  type ReplAction,
  type ReplState,
  replReducer,
} from '../../../src/ui/state/repl-reducer';
import { TurnRunner } from '../../../src/ui/turns';
import { type Rendered, render } from '../../helpers/render';
import { type MockServiceOptions, mockServices } from '../app-fixture';

/** The REPL's transcript half as the app wires it, exposing the reducer's latest state. */
interface Chat {
  readonly rendered: Rendered;
  readonly turns: TurnRunner;
  state(): ReplState;
  send(text: string): void;
  /** For each render, the lengths of the reply pieces dispatched since the render before. */
  piecesPerRender(): readonly (readonly number[])[];
}

async function renderChat(options: MockServiceOptions): Promise<Chat> {
  const services = await mockServices(options);
  const turns = new TurnRunner((error) => {
    throw error;
  });
  let latest: ReplState | undefined;
  let send: ((text: string) => boolean) | undefined;
  let pieces: number[] = [];
  const piecesPerRender: number[][] = [];
  function Harness({ session }: { session: ChatPort }) {
    const [state, reduce] = useReducer(replReducer, [], initialReplState);
    latest = state;
    if (pieces.length > 0) piecesPerRender.push(pieces);
    pieces = [];
    const dispatch: Dispatch<ReplAction> = useCallback((action) => {
      if (action.type === 'reply-chunk') pieces.push(action.text.length);
      reduce(action);
    }, []);
    send = useChat(session, turns, dispatch, true);
    return (
      <>
        <Transcript items={state.items} nextId={state.nextId} dispatch={dispatch} />
        {state.turn ? <StreamingReply turn={state.turn} /> : null}
      </>
    );
  }
  const rendered = render(<Harness session={services.session} />);
  return {
    rendered,
    turns,
    state: () => latest!,
    send: (text) => {
      if (!send?.(text)) throw new Error('the chat was busy');
    },
    piecesPerRender: () => piecesPerRender,
  };
}

const USAGE_LINE = /\$0 \(mock\)/g;

let chat: Chat | null = null;
afterEach(() => {
  chat?.rendered.unmount();
  chat = null;
});

describe('the transcript', () => {
  it('lets go of every finished item once <Static> has written it, over many turns', async () => {
    chat = await renderChat({});
    const turns = 40;
    for (let turn = 1; turn <= turns; turn++) {
      chat.send(`question number ${turn}`);
      await chat.rendered.waitForFrame(
        (frame) => (frame.match(USAGE_LINE)?.length ?? 0) >= turn && !chat!.turns.busy,
      );
      expect(chat.state().items).toEqual([]);
      expect(chat.state().turn).toBeNull();
    }
    // Every turn added a question, reply lines and a usage line, and all of them were drawn.
    expect(chat.state().nextId).toBeGreaterThanOrEqual(turns * 3);
    const frame = chat.rendered.frame();
    for (let turn = 1; turn <= turns; turn++) expect(frame).toContain(`> question number ${turn}\n`);
    expect(frame.match(USAGE_LINE)).toHaveLength(turns);
  });

  it('holds only the open line of a reply while it streams', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `reply line ${i + 1}`);
    chat = await renderChat({ script: [{ reply: lines.join('\n') }], delayMs: 1 });
    chat.send('a long one');
    await chat.rendered.waitForFrame('reply line 200\n');
    const midway = chat.state();
    expect(midway.turn).not.toBeNull();
    expect(midway.turn!.tail).not.toContain('\n');
    expect(midway.items).toEqual([]);
    await chat.rendered.waitForFrame(USAGE_LINE);
    const frame = chat.rendered.frame();
    for (const line of lines) expect(frame).toContain(`${line}\n`);
    expect(chat.state().items).toEqual([]);
  });

  it('draws a burst of reply text one bounded piece per render', async () => {
    // About nine pieces' worth of lines, all streamed before the first flush (no delay).
    const lines = Array.from({ length: 700 }, (_, i) => `burst line ${i + 1} ${'x'.repeat(40)}`);
    chat = await renderChat({ script: [{ reply: lines.join('\n') }], delayMs: 0 });
    chat.send('a burst');
    await chat.rendered.waitForFrame(USAGE_LINE);
    const renders = chat.piecesPerRender();
    const pieces = renders.flat();
    expect(pieces.length).toBeGreaterThanOrEqual(lines.join('\n').length / MAX_PIECE_CHARS);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(MAX_PIECE_CHARS);
    expect(renders.filter((render) => render.length > 1)).toEqual([]);
    const frame = chat.rendered.frame();
    for (const line of lines) expect(frame).toContain(`${line}\n`);
  });
});
