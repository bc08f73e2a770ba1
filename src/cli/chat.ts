import { attachmentCaching } from '../core/files/attacher';
import { attachmentLine } from '../reports/session/attachment-line';
import type { CommandHandler } from './io';
import type { ChatOptions } from './options';
import { buildChatServices } from './services';

/**
 * The chat command (DESIGN §2): `-p TEXT` or piped stdin -> one-shot; a terminal -> the
 * interactive REPL; stdout not a terminal without a prompt -> a usage error (exit 2).
 */
export const runChat: CommandHandler<ChatOptions> = async (options, io) => {
  if (options.print !== undefined || !io.stdin.isTTY) {
    const { runOneShot } = await import('./oneshot');
    return runOneShot(options, io);
  }
  if (!io.stdout.isTTY) {
    io.stderr.write(
      'chatmeter: the interactive chat needs a terminal on stdout; pass -p "text" (or pipe text on stdin) for one-shot mode.\n',
    );
    return 2;
  }
  const services = await buildChatServices(options, io, { deferRecording: true });
  try {
    // `-f` files wait for the first message; one that cannot be attached ends here (exit 2).
    // The system prompt is counted first: it decides whether the first prompt reaches the
    // model's minimum for caching, and so the rate the files are priced at.
    if ((options.file ?? []).length > 0) await services.session.measureConversation();
    for (const path of options.file ?? []) {
      const { session } = services;
      const preview = await services.files.attachFile(
        path,
        session.model,
        attachmentCaching(session),
      );
      const line = attachmentLine(preview, true);
      const text = preview.alreadyAttached ? line : `${line} It goes with your first message.`;
      services.startupNotices.push({ level: 'info', text });
    }
    const { runRepl } = await import('./repl');
    return await runRepl(options, io, services);
  } finally {
    await services.close();
  }
};
