import { ChatmeterError } from '../errors';

/**
 * The conversation store cannot be opened, read or written (exit 1), or a conversation asked for
 * does not exist or is ambiguous (exit 2). The message names the file or the id and what to do.
 */
export class ConversationError extends ChatmeterError {
  /** The store's file. */
  readonly file: string;

  constructor(message: string, options: { file: string; cause?: unknown; exitCode?: number }) {
    super(message, { exitCode: options.exitCode ?? 1, cause: options.cause });
    this.file = options.file;
  }
}
