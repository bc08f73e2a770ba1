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
    for (const path of options.file ?? []) {
      const preview = await services.files.attachFile(path, services.session.model);
      const text = `${attachmentLine(preview, true)} It goes with your first message.`;
      services.startupNotices.push({ level: 'info', text });
    }
    const { runRepl } = await import('./repl');
    return await runRepl(options, io, services);
  } finally {
    await services.close();
  }
};
