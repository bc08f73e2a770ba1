import { UsageError } from '../core/errors';
import { emptyReplyNote } from '../core/usage/stop-reason';
import { sanitizeTerminalLine, sanitizeTerminalText, terminalSafeJson } from '../core/terminal-text';
import { type Io, readAllText } from './io';
import { oneShotBlockedJson, oneShotJson, oneShotUsageLine } from './oneshot-format';
import type { ChatOptions } from './options';
import { buildChatServices, type ChatServices } from './services';

/** Exit codes of a one-shot call ended by a signal from outside (DESIGN §2). */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** The prompt of a one-shot run: `-p TEXT`, else piped stdin. Throws UsageError when empty. */
export async function oneShotPrompt(options: ChatOptions, io: Io): Promise<string> {
  const text = options.print ?? (await readAllText(io.stdin));
  if (text.trim().length === 0) {
    throw new UsageError('Nothing to send: pass -p "text" or pipe text on stdin.');
  }
  return options.print === undefined ? text.replace(/\n$/, '') : text;
}

/**
 * One-shot mode: sends one prompt, streams the reply to stdout (or prints the `--json` object
 * only, also for a call a budget refuses: outcome `blocked`), writes notices and a one-line usage
 * summary to stderr. Exit: 0 ok, 1 failed or cut, 3 blocked by a budget; SIGINT (Ctrl+C),
 * SIGTERM or SIGHUP cancel the call, which is recorded as aborted, and give 130, 143 or 129; a
 * reader of stdout that goes away (EPIPE) cancels it the same way and gives 0.
 * ConfigError/UsageError (2) are thrown.
 */
export async function runOneShot(options: ChatOptions, io: Io): Promise<number> {
  const prompt = await oneShotPrompt(options, io);
  const services = await buildChatServices(options, io);
  const controller = new AbortController();
  let cancelledExitCode: number = SIGNAL_EXIT_CODES.SIGINT;
  // The reader of stdout went away: cancel the call (it is still recorded) and end quietly.
  const onStdoutClosed = () => {
    cancelledExitCode = 0;
    controller.abort();
  };
  if (io.stdoutClosed?.aborted) onStdoutClosed();
  io.stdoutClosed?.addEventListener('abort', onStdoutClosed, { once: true });
  const stops = Object.entries(SIGNAL_EXIT_CODES).map(([name, code]) => {
    const onSignal = () => {
      cancelledExitCode = code;
      controller.abort();
    };
    process.once(name, onSignal);
    return () => process.removeListener(name, onSignal);
  });
  try {
    const result = await sendOnce(prompt, options, io, services, controller.signal);
    return result === 'cancelled' ? cancelledExitCode : result;
  } finally {
    io.stdoutClosed?.removeEventListener('abort', onStdoutClosed);
    for (const stop of stops) stop();
    await services.close();
  }
}

async function sendOnce(
  prompt: string,
  options: ChatOptions,
  io: Io,
  services: ChatServices,
  signal: AbortSignal,
): Promise<number | 'cancelled'> {
  const json = options.json === true;
  const out = (text: string) => {
    if (io.stdoutClosed?.aborted !== true) io.stdout.write(text);
  };
  const clean = io.stdout.isTTY ? sanitizeTerminalText : (text: string) => text;
  const note = (message: string, level: 'info' | 'warn' = 'info') =>
    io.stderr.write(
      `chatmeter: ${level === 'warn' ? 'warning: ' : ''}${sanitizeTerminalText(message)}\n`,
    );
  for (const notice of services.startupNotices) note(notice.text, notice.level);
  // A budget crossing its warn or alert level, or used up: a warning like warn mode's.
  services.budget.subscribe((update) => {
    for (const notice of update.notices) note(notice, 'warn');
  });
  let lastChar = '\n';
  for await (const event of services.session.send(prompt, signal)) {
    switch (event.type) {
      case 'text':
        if (!json && event.text.length > 0) {
          out(clean(event.text));
          lastChar = event.text.at(-1)!;
        }
        break;
      case 'progress':
        break;
      case 'notice':
        note(event.message, event.level);
        break;
      case 'blocked': {
        note(event.message);
        if (json) {
          const { sessionId, providerId: provider, model } = services.session;
          const call = { sessionId, provider, model };
          const blocked = oneShotBlockedJson(call, event.message, services.mode);
          out(`${terminalSafeJson(JSON.stringify(blocked))}\n`);
        }
        return 3;
      }
      case 'end': {
        const { call, reply, error } = event;
        if (json) {
          out(`${terminalSafeJson(JSON.stringify(oneShotJson(call, reply, error, services.mode)))}\n`);
        } else if (lastChar !== '\n') {
          out('\n');
        }
        if (error && error.kind !== 'cancelled') note(error.message);
        if (!json) io.stderr.write(`${sanitizeTerminalLine(oneShotUsageLine(call, services.mode))}\n`);
        const empty = emptyReplyNote(call, reply);
        if (empty !== null) note(empty, 'warn');
        if (error?.kind === 'cancelled') return 'cancelled';
        return call.outcome === 'ok' ? 0 : 1;
      }
      default: {
        const unknown: never = event;
        throw new Error(`unknown chat event ${JSON.stringify(unknown)}`);
      }
    }
  }
  throw new Error('the chat session ended without an end event');
}
