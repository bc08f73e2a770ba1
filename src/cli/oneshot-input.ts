import { fstatSync } from 'node:fs';
import { UsageError } from '../core/errors';
import {
  type Attachment,
  AttachmentError,
  attachmentFromBytes,
  formatBytes,
  MAX_ATTACHMENT_BYTES_LIMIT,
  readAttachment,
} from '../core/files/attachment';
import { type Io, readAllText } from './io';
import type { ChatOptions } from './options';

/** What a one-shot run was given: the prompt text, and stdin's bytes when piped beside `-p`. */
export interface OneShotInput {
  readonly text: string;
  /** Piped stdin read beside `-p` (at most one byte past the highest limit), or null. */
  readonly piped: Uint8Array | null;
}

const NOTHING_TO_SEND = 'Nothing to send: pass -p "text" or pipe text on stdin.';

/**
 * Whether stdin carries piped (`|`) or redirected (`<`) input to read beside `-p`: a pipe or a
 * file. A terminal, /dev/null, or a socket a parent process left open is not read, so
 * `chatmeter -p` run from a script or a service never waits for input nobody sends. A stream
 * without a descriptor (an injected one) is read.
 */
function stdinIsPiped(stdin: Io['stdin']): boolean {
  if (stdin.isTTY) return false;
  const fd = (stdin as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return true;
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isFile();
  } catch {
    // A descriptor that cannot be inspected is left alone, as a terminal would be.
    return false;
  }
}

/** Reads a stream to its end, or stops at one byte past `limit` (what was read is returned). */
async function readBytesUpTo(stream: NodeJS.ReadableStream, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    length += bytes.length;
    if (length > limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit + 1);
}

/**
 * The input of a one-shot run: `-p TEXT` (and piped stdin beside it), else stdin as the prompt.
 * Throws UsageError when there is nothing to send (no text, no file, nothing piped).
 */
export async function oneShotPrompt(options: ChatOptions, io: Io): Promise<OneShotInput> {
  const files = options.file?.length ?? 0;
  if (options.print === undefined) {
    const text = await readAllText(io.stdin);
    if (text.trim().length === 0 && files === 0) throw new UsageError(NOTHING_TO_SEND);
    return { text: text.replace(/\n$/, ''), piped: null };
  }
  const piped = stdinIsPiped(io.stdin)
    ? await readBytesUpTo(io.stdin, MAX_ATTACHMENT_BYTES_LIMIT)
    : null;
  const hasPiped = piped !== null && piped.length > 0;
  if (options.print.trim().length === 0 && !hasPiped && files === 0) {
    throw new UsageError(NOTHING_TO_SEND);
  }
  return { text: options.print, piped: hasPiped ? piped : null };
}

/**
 * Reads and checks the `-f` files, then piped stdin (as `stdin`), against `maxBytes`, before
 * anything is built or recorded. Throws AttachmentError (exit 2) at the first that cannot be
 * attached: then nothing is sent.
 */
export function readOneShotAttachments(
  input: OneShotInput,
  paths: readonly string[],
  maxBytes: number,
): Attachment[] {
  const attachments = paths.map((path) => readAttachment(path, maxBytes));
  if (input.piped) {
    // Read up to one byte past the highest limit: its size is known only up to there.
    if (input.piped.length > MAX_ATTACHMENT_BYTES_LIMIT) {
      throw new AttachmentError(
        'stdin',
        `Piped stdin is over the ${formatBytes(MAX_ATTACHMENT_BYTES_LIMIT)} limit files.maxBytes can be raised to; pipe a part of it instead.`,
      );
    }
    attachments.push(attachmentFromBytes('stdin', input.piped, maxBytes));
  }
  return attachments;
}
