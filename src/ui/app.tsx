import { Box, useWindowSize } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { completeSlash } from '../commands/complete';
import { COMMANDS, runSlashCommand } from '../commands/registry';
import type {
  CommandContext,
  CommandResult,
  CommandSession,
  ConversationPort,
  SlashCommand,
} from '../commands/types';
import type { BudgetMonitor } from '../core/budget/monitor';
import type { FileAttacher } from '../core/files/attacher';
import { composeMessage, sentMessageLine } from '../core/files/attachment';
import { errorMessage } from '../core/errors';
import type { PriceTable } from '../core/pricing/types';
import { InputLine } from './components/input-line';
import { StatusBar } from './components/status-bar';
import { StreamingReply } from './components/streaming-reply';
import { Transcript } from './components/transcript';
import { type ChatPort, useChat } from './hooks/use-chat';
import { useInputLine } from './hooks/use-input-line';
import { useNextTurn } from './hooks/use-next-turn';
import { type UsageSource, useUsageSnapshot } from './hooks/use-usage-snapshot';
import {
  type EarlierMessage,
  initialReplState,
  type Notice,
  type ReplAction,
  type ReplState,
  replReducer,
} from './state/repl-reducer';
import { deriveStatus } from './status';
import { classifyLine } from './submit';
import { ThemeContext } from './theme';
import type { TurnRunner } from './turns';
import type { SessionMode } from '../core/usage/types';
import type { BudgetBadge } from '../core/budget/messages';

/** The hint in the empty prompt until the first line is sent. */
const PLACEHOLDER = 'Type a message and press Enter; /help for commands; Ctrl+D to quit';

/** Props of `App`: the services it works with, all stable for the app's life. */
export interface AppProps {
  readonly session: ChatPort & CommandSession;
  readonly usage: UsageSource;
  readonly priceTable: PriceTable;
  readonly mode: SessionMode;
  /** Shown first in the transcript, each at its level (`warn` with the `!` mark). */
  readonly startupNotices: readonly Notice[];
  /**
   * Warnings known only after the first frame (the ledger opens then: one that cannot be opened
   * or written), added as warnings when they settle.
   */
  readonly lateNotices?: Promise<readonly string[]>;
  readonly turns: TurnRunner;
  readonly color: boolean;
  /** The user ended the session (/exit, Ctrl+C or Ctrl+D at an empty prompt). */
  readonly onExit: () => void;
  readonly commands?: readonly SlashCommand[];
  /** The budget's state for the status bar, when budgets are on. */
  readonly budget?: () => BudgetBadge | null;
  /** The budgets behind `/budget`; their level notices go into the transcript. */
  readonly budgetMonitor?: BudgetMonitor;
  /** The saved conversations behind `/resume`, when conversations are saved. */
  readonly conversations?: ConversationPort;
  /** The session is over: draw only the transcript (the summary follows it). */
  readonly ended?: boolean;
  /** Files attached to the next message (`/file`, `-f`); absent: attaching is off. */
  readonly files?: FileAttacher;
  /** A resumed conversation: its messages, shown after the start-up notices, and its context. */
  readonly resumed?: {
    readonly messages: readonly EarlierMessage[];
    readonly contextTokens: number;
  };
}

/** The first state: the start-up notices, then the turns of a resumed conversation. */
function initialAppState(props: AppProps): ReplState {
  const state = initialReplState(props.startupNotices);
  return props.resumed ? replReducer(state, { type: 'restored', ...props.resumed }) : state;
}

function applyResult(
  result: CommandResult,
  dispatch: (action: ReplAction) => void,
  send: (text: string) => void,
  onExit: () => void,
) {
  switch (result.kind) {
    case 'message':
      send(result.text);
      break;
    case 'text':
      dispatch({ type: 'block', text: result.text });
      break;
    case 'notice':
      dispatch({ type: 'notice', level: result.level, text: result.text });
      break;
    case 'cleared':
      dispatch({ type: 'cleared', text: result.text });
      break;
    case 'resumed':
      dispatch({ type: 'notice', level: 'info', text: result.text });
      dispatch({ type: 'restored', messages: result.messages, contextTokens: result.contextTokens });
      break;
    case 'exit':
      onExit();
      break;
    default: {
      const unreachable: never = result;
      throw new Error(`unknown command result ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The interactive chat: transcript in `<Static>`, the streaming reply, the prompt, the status bar. */
export function App(props: AppProps) {
  const { session, usage, priceTable, mode, turns, onExit } = props;
  const commands = props.commands ?? COMMANDS;
  const [state, dispatch] = useReducer(replReducer, props, initialAppState);
  const snapshot = useUsageSnapshot(usage);
  const nextTurn = useNextTurn(session);
  const { columns } = useWindowSize();
  const width = Math.max(20, columns);
  const send = useChat(session, turns, dispatch, mode === 'mock');
  const theme = useMemo(() => ({ color: props.color }), [props.color]);
  const { budgetMonitor, lateNotices } = props;
  useEffect(() => {
    let mounted = true;
    lateNotices?.then(
      (notices) => {
        for (const text of notices) if (mounted) dispatch({ type: 'notice', level: 'warn', text });
      },
      (error: unknown) => {
        if (mounted) dispatch({ type: 'notice', level: 'error', text: errorMessage(error) });
      },
    );
    return () => {
      mounted = false;
    };
  }, [lateNotices]);
  useEffect(
    () =>
      budgetMonitor?.subscribe((update) => {
        for (const text of update.notices) {
          dispatch({ type: 'notice', level: 'warn', text, afterTurn: true });
        }
      }),
    [budgetMonitor],
  );

  const context: CommandContext = {
    session,
    usage,
    priceTable,
    mode,
    color: props.color,
    width,
    commands,
    budget: budgetMonitor,
    files: props.files,
    conversations: props.conversations,
  };

  const submit = (text: string) => {
    const line = classifyLine(text);
    if (line.kind === 'message') {
      const attached = props.files?.take() ?? [];
      const names = attached.map((file) => file.name);
      const shown = names.length > 0 ? sentMessageLine(line.text, names) : undefined;
      send(composeMessage(line.text, attached), shown);
      return;
    }
    runSlashCommand(line.text, context).then(
      (result) => {
        // A command that sends a message shows it as the turn's line, so it is not echoed too.
        if (result?.kind !== 'message') dispatch({ type: 'echo', text: line.text });
        if (result) applyResult(result, dispatch, send, onExit);
      },
      (error: unknown) => {
        dispatch({ type: 'echo', text: line.text });
        dispatch({ type: 'notice', level: 'error', text: errorMessage(error) });
      },
    );
  };

  const input = useInputLine({
    isBusy: () => turns.busy,
    onSubmit: submit,
    onCancel: () => turns.cancel(),
    onExit,
    complete: (value) => completeSlash(value, commands, context),
  });

  const figures = deriveStatus({
    snapshot,
    provider: session.providerId,
    model: session.model,
    contextWindowTokens: session.modelInfo.contextWindowTokens,
    contextTokens: state.contextTokens,
    turn: state.turn,
    budget: props.budget?.() ?? null,
    nextTurn,
  });

  return (
    <ThemeContext.Provider value={theme}>
      <Transcript items={state.items} nextId={state.nextId} dispatch={dispatch} />
      {props.ended ? null : (
        <Box flexDirection="column" width={width}>
          {state.turn ? <StreamingReply turn={state.turn} /> : null}
          <Box marginTop={1} flexDirection="column">
            <InputLine
              state={input}
              busy={state.turn !== null}
              placeholder={input.history.length === 0 ? PLACEHOLDER : undefined}
            />
            <StatusBar figures={figures} width={width} />
          </Box>
        </Box>
      )}
    </ThemeContext.Provider>
  );
}
