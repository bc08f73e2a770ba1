import { render } from 'ink';
import type { BudgetMonitor } from '../core/budget/monitor';
import type { ChatSession } from '../core/chat/session';
import type { FileAttacher } from '../core/files/attacher';
import { errorMessage } from '../core/errors';
import type { PriceTable } from '../core/pricing/types';
import { summarizeSession } from '../core/usage/summary';
import type { SessionUsageTracker } from '../core/usage/tracker';
import { renderSessionSummary } from '../reports/session/summary';
import { App } from '../ui/app';
import { TurnRunner } from '../ui/turns';
import type { Io } from './io';
import type { ConversationPort } from '../commands/types';
import { contextTokensOf } from '../core/conversations/resume';
import type { Conversation } from '../core/conversations/types';
import type { ChatOptions } from './options';
import { oncePerMessage } from './repl-console';
import type { SessionMode } from '../core/usage/types';
import type { BudgetBadge } from '../core/budget/messages';
import type { StartupNotice } from './startup-notice';

/** What the REPL runs on (`ChatServices` from `./services` satisfies it). */
export interface ReplServices {
  readonly mode: SessionMode;
  readonly session: ChatSession;
  readonly tracker: SessionUsageTracker;
  readonly priceTable: PriceTable;
  readonly startupNotices: readonly StartupNotice[];
  /** The budget's state for the status bar, when budgets are on. */
  readonly budgetBadge?: () => BudgetBadge | null;
  /** The budgets behind `/budget` and their notices. */
  readonly budget?: BudgetMonitor;
  /** Files attached to the next message (`/file`, `-f`). */
  readonly files?: FileAttacher;
  /** The saved conversation this chat continues: its turns are shown first. */
  readonly resumed?: Conversation | null;
  /** `/resume`: the saved conversations to list and switch to (absent when none are saved). */
  readonly conversations?: ConversationPort | null;
  /** Opens the usage ledger (called once the first frame is out); returns notices to show. */
  startRecording?(): readonly string[];
  close(): Promise<void>;
}

/** Exit codes of a session ended by a signal from outside (DESIGN §2). */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** Whether colours are on: not with `--no-color`, nor when `NO_COLOR` is set (non-empty). */
export function colorEnabled(options: Pick<ChatOptions, 'color'>, env: NodeJS.ProcessEnv): boolean {
  return options.color !== false && !env.NO_COLOR;
}

/**
 * Runs the interactive chat until it ends, however it ends (/exit, /quit, Ctrl+C or Ctrl+D at an
 * empty prompt, SIGINT/SIGTERM/SIGHUP from outside), and then always does the same: aborts the
 * reply in flight and waits until it is recorded (as aborted), unmounts the UI, writes the
 * session summary to stdout so it stays in the scrollback, closes the services. Resolves to the
 * exit code: 0, or 130/143/129 for a signal.
 */
export async function runRepl(
  options: ChatOptions,
  io: Io,
  services: ReplServices,
): Promise<number> {
  const color = colorEnabled(options, io.env);
  let crash: unknown = null;
  const turns = new TurnRunner((error) => {
    crash ??= error;
  });
  // The first way out sets the exit code: a promise resolves once and ignores later calls.
  let finish: (code: number) => void = () => undefined;
  const ended = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]) => {
    const handler = () => finish(code);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  // The ledger opens once the first frame is drawn; a warning about it joins the transcript.
  let firstFrameDrawn: () => void = () => undefined;
  const recordingNotices = new Promise<void>((resolve) => {
    firstFrameDrawn = resolve;
  }).then(() => services.startRecording?.() ?? []);
  const resumed = services.resumed
    ? { messages: services.resumed.messages, contextTokens: contextTokensOf(services.resumed) }
    : undefined;
  try {
    const app = (ended: boolean) => (
      <App
        session={services.session}
        usage={services.tracker}
        priceTable={services.priceTable}
        mode={services.mode}
        startupNotices={services.startupNotices}
        lateNotices={recordingNotices}
        turns={turns}
        color={color}
        onExit={() => finish(0)}
        budget={services.budgetBadge}
        budgetMonitor={services.budget}
        ended={ended}
        files={services.files}
        resumed={resumed}
        conversations={services.conversations ?? undefined}
      />
    );
    const instance = render(app(false), {
      // Ink wants Node streams; io's streams are process.stdout/stdin in the CLI.
      stdout: io.stdout as NodeJS.WriteStream,
      stdin: io.stdin,
      stderr: oncePerMessage(io.stderr, () => io.stdout.columns),
      exitOnCtrlC: false,
      // We only get here on a TTY. Ink would otherwise turn non-interactive when CI or
      // CONTINUOUS_INTEGRATION is set (a dev container, a CI job's shell) and draw nothing until
      // the session ends.
      interactive: true,
      // Libraries may print (the Anthropic SDK console.warns about deprecated models on every
      // request): Ink draws that above the live area instead of letting it tear the frame, and
      // the same message only once.
      patchConsole: true,
    });
    instance.waitUntilRenderFlush().then(firstFrameDrawn, firstFrameDrawn);
    instance.waitUntilExit().then(
      () => finish(0),
      (error: unknown) => {
        crash = error;
        finish(1);
      },
    );
    const code = await ended;
    await turns.stop();
    // The last frame keeps the transcript (with the aborted reply's usage line) but drops the
    // prompt and status bar: the summary below replaces them.
    instance.rerender(app(true));
    await instance.waitUntilRenderFlush();
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
    if (crash !== null) {
      io.stderr.write(`chatmeter: the interface failed: ${errorMessage(crash)}\n`);
    }
    const summary = summarizeSession(services.tracker.snapshot(), Date.now());
    const width = io.stdout.columns;
    io.stdout.write(renderSessionSummary(summary, 'table', { color, width }));
    return code;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    await services.close();
  }
}
