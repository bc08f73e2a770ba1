import { ChatmeterError } from '../errors';

/**
 * The usage ledger cannot be opened, migrated, read or written (exit 1). The message names the
 * file and what to do; `file` holds the ledger path.
 */
export class LedgerError extends ChatmeterError {
  /** The ledger file at fault. */
  readonly file: string;

  constructor(message: string, options: { file: string; cause?: unknown }) {
    super(message, { exitCode: 1, cause: options.cause });
    this.file = options.file;
  }
}
