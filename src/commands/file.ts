import { formatBytes, shownName } from '../core/files/attachment';
import { pathCompletions } from '../core/files/complete-path';
import { attachmentCaching } from '../core/files/attacher';
import { typedPath } from '../core/files/typed-path';
import { attachmentLine } from '../reports/session/attachment-line';
import type { CommandResult, SlashCommand } from './types';

/**
 * `/file PATH` (alias `/attach`): attaches a text file to the next message and says, before
 * anything is sent, what it adds to this turn and to every later one; `/file` alone lists what
 * is attached. The path may be quoted, or backslash-escaped as a terminal drops it
 * (`/tmp/a\ b.txt`). A file that cannot be attached (missing, a folder, binary, too large) gets one
 * error line and nothing is attached.
 */
export const fileCommand: SlashCommand = {
  name: 'file',
  aliases: ['attach'],
  args: '[path]',
  summary: 'attach a text file to your next message (Tab completes paths)',
  completeArgs: (partial) => pathCompletions(partial),
  run: async (args, context): Promise<CommandResult> => {
    const files = context.files;
    if (!files) return { kind: 'notice', level: 'warn', text: 'Files cannot be attached here.' };
    if (args === '') {
      const pending = files.pending;
      if (pending.length === 0) {
        return {
          kind: 'notice',
          level: 'info',
          text: 'No file attached. /file PATH attaches one to your next message.',
        };
      }
      const names = pending.map((f) => `${shownName(f.name)} (${formatBytes(f.bytes)})`);
      return {
        kind: 'notice',
        level: 'info',
        text: `Attached to your next message: ${names.join(', ')}.`,
      };
    }
    const { session } = context;
    const preview = await files.attachFile(typedPath(args), session.model, attachmentCaching(session));
    return {
      kind: 'notice',
      level: 'info',
      text: preview.alreadyAttached
        ? attachmentLine(preview, true)
        : `${attachmentLine(preview, true)} It goes with your next message.`,
    };
  },
};
