import { loadSettings } from '../core/config/load';
import { type Attachment, composeMessage } from '../core/files/attachment';
import { type AttachmentPreview, attachmentCaching } from '../core/files/attacher';
import { emptyReplyNote } from '../core/usage/stop-reason';
import { sanitizeTerminalLine, sanitizeTerminalText, terminalSafeJson } from '../core/terminal-text';
import { attachmentLine } from '../reports/session/attachment-line';
import type { Io } from './io';
import { type AttachedJson, oneShotBlockedJson, oneShotJson, oneShotUsageLine } from './oneshot-format';
import { oneShotPrompt, readOneShotAttachments } from './oneshot-input';
import type { ChatOptions } from './options';
import { buildChatServices, type ChatServices } from './services';

/** Exit codes of a one-shot call ended by a signal from outside (DESIGN §2). */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * One-shot mode: sends one prompt, streams the reply to stdout (or prints the `--json` object
 * only, also for a call a budget refuses: outcome `blocked`), writes notices and a one-line usage
 * summary to stderr. Exit: 0 ok, also for a reply the provider cut short (`cut: max tokens`,
 * a refusal...: marked on the usage line, `stopReason` in JSON); 1 a call that failed, or broke
 * off with an error part-way through the reply; 3 blocked by a budget; SIGINT (Ctrl+C),
 * SIGTERM or SIGHUP cancel the call, which is recorded as aborted, and give 130, 143 or 129; a
 * reader of stdout that goes away (EPIPE) cancels it the same way and gives 0. Files (`-f`) and
 * stdin piped beside `-p` go into the message, each with a line on stderr saying what it adds;
 * one that cannot be attached ends the run (exit 2) with nothing sent or recorded.
 * ConfigError/UsageError (2) are thrown.
 */
export async function runOneShot(options: ChatOptions, io: Io): Promise<number> {
  const input = await oneShotPrompt(options, io);
  // Files are checked before the services are built: a file refused records no session.
  const { settings } = await loadSettings(io.env);
  const files = readOneShotAttachments(input, options.file ?? [], settings.files.maxBytes);
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
    const result = await sendOnce(input.text, { options, files }, io, services, controller.signal);
    return result === 'cancelled' ? cancelledExitCode : result;
  } finally {
    io.stdoutClosed?.removeEventListener('abort', onStdoutClosed);
    for (const stop of stops) stop();
    await services.close();
  }
}

/** What a one-shot send carries besides the prompt. */
interface SendContext {
  readonly options: ChatOptions;
  /** The files (read and checked) that go into the message before the text. */
  readonly files: readonly Attachment[];
}

async function sendOnce(
  text: string,
  { options, files }: SendContext,
  io: Io,
  services: ChatServices,
  signal: AbortSignal,
): Promise<number | 'cancelled'> {
  const previews: AttachmentPreview[] = [];
  const { session } = services;
  // The conversation so far (a system prompt, a continued one) decides whether the prompt
  // reaches the model's minimum for caching, and so the rate the files are priced at.
  if (files.length > 0) await session.measureConversation();
  for (const file of files) {
    previews.push(await services.files.attach(file, session.model, attachmentCaching(session)));
  }
  const prompt = composeMessage(text, services.files.take());
  const attached: AttachedJson[] = previews.filter((p) => !p.alreadyAttached).map((p) => ({
    name: p.attachment.name,
    bytes: p.attachment.bytes,
    tokens: p.tokens,
  }));
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
  for (const preview of previews) note(attachmentLine(preview, false));
  let lastChar = '\n';
  // The reply's last line ends before anything follows it: stderr shares the terminal.
  const endReplyLine = () => {
    if (json || lastChar === '\n') return;
    out('\n');
    lastChar = '\n';
  };
  // A budget crossing its warn or alert level, or used up: a warning like warn mode's. It
  // comes once the call is recorded, after the whole reply and before the end event.
  services.budget.subscribe((update) => {
    if (update.notices.length > 0) endReplyLine();
    for (const notice of update.notices) note(notice, 'warn');
  });
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
          const blocked = { ...oneShotBlockedJson(call, event.message, services.mode), attached };
          out(`${terminalSafeJson(JSON.stringify(blocked))}\n`);
        }
        return 3;
      }
      case 'end': {
        const { call, reply, error } = event;
        if (json) {
          const conversationId = services.recorder?.savedConversationId ?? null;
          const fields = oneShotJson(call, reply, error, services.mode);
          const object = { ...fields, conversationId, attached };
          out(`${terminalSafeJson(JSON.stringify(object))}\n`);
        } else {
          endReplyLine();
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
