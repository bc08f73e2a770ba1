import { readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { UsageError } from '../errors';
import { sanitizeTerminalLine } from '../terminal-text';

/** A text file's contents, attached to the next message. */
export interface Attachment {
  /** The path as the user gave it (`notes.md`, `~/a.txt`), or `stdin`. */
  readonly name: string;
  /** The file's text, UTF-8 decoded. */
  readonly text: string;
  /** Its size on disk (or piped), bytes. */
  readonly bytes: number;
  /** The file it was read from, links resolved (absent for piped stdin): one file, one copy. */
  readonly realPath?: string;
}

/** Largest file attached when the config sets no `files.maxBytes`: 1 MB (1,048,576 bytes). */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 1024 * 1024;

/** The highest `files.maxBytes` accepted, and the most piped stdin ever read: 16 MB. */
export const MAX_ATTACHMENT_BYTES_LIMIT = 16 * 1024 * 1024;

/** A file that cannot be attached (missing, unreadable, a folder, binary, too large): exit 2. */
export class AttachmentError extends UsageError {
  /** The path as given. */
  readonly path: string;

  constructor(path: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.path = path;
  }
}

/** `1,048,576` bytes as `1 MB`, `2,300` as `2.2 KB`: sizes in messages (binary units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / 1024 / 1024, 'MB'];
  return `${value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}

/** A path or name as it may be shown on one terminal line (controls made visible). */
export function shownName(name: string): string {
  return sanitizeTerminalLine(name);
}

/** `~` and `~/...` are the home folder, as a shell would expand them. */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  return path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks that `bytes` are text within `maxBytes` and decodes them. Text means valid UTF-8 without
 * NUL bytes (what every binary format has, and no text file does). A leading BOM is dropped.
 * Throws {@link AttachmentError}.
 */
export function attachmentFromBytes(name: string, bytes: Uint8Array, maxBytes: number): Attachment {
  const shown = shownName(name);
  if (bytes.length > maxBytes) throw tooLarge(name, bytes.length, maxBytes);
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL byte');
    text = decoder.decode(bytes);
  } catch (error) {
    throw new AttachmentError(
      name,
      `${shown} looks binary (not UTF-8 text): only text files can be attached.`,
      { cause: error },
    );
  }
  return { name, text, bytes: bytes.length };
}

function tooLarge(name: string, bytes: number, maxBytes: number): AttachmentError {
  // Past the highest files.maxBytes, raising the limit is no way out.
  const ceiling = bytes > MAX_ATTACHMENT_BYTES_LIMIT;
  const limitBytes = ceiling ? MAX_ATTACHMENT_BYTES_LIMIT : maxBytes;
  // Sizes that round alike (2.0 KB over a 2 KB limit) are given in bytes.
  const [size, limit] =
    formatBytes(bytes) === formatBytes(limitBytes)
      ? [`${bytes.toLocaleString('en-US')} bytes`, `${limitBytes.toLocaleString('en-US')}-byte`]
      : [formatBytes(bytes), formatBytes(limitBytes)];
  const what = ceiling
    ? 'limit files.maxBytes can be raised to; attach a part of it instead.'
    : `limit for attachments; raise it with chatmeter config set files.maxBytes ${bytes}.`;
  return new AttachmentError(name, `${shownName(name)} is ${size}, over the ${limit} ${what}`);
}

/**
 * Reads a text file to attach, relative to `cwd`. Throws {@link AttachmentError} with one line
 * saying what to do for an empty, missing or unreadable path, a folder, a file over `maxBytes` (checked
 * before reading it) or a binary file.
 */
export function readAttachment(path: string, maxBytes: number, cwd = process.cwd()): Attachment {
  // An empty path would resolve to `cwd` and be refused as a folder the user never named.
  if (path === '') throw new AttachmentError(path, 'No file path given: name the text file to attach.');
  const shown = shownName(path);
  const full = resolve(cwd, expandHome(path));
  try {
    const stat = statSync(full);
    if (stat.isDirectory()) {
      throw new AttachmentError(path, `${shown} is a folder: attach the files in it one by one.`);
    }
    if (!stat.isFile()) {
      throw new AttachmentError(path, `${shown} is not a regular file: only text files can be attached.`);
    }
    if (stat.size > maxBytes) throw tooLarge(path, stat.size, maxBytes);
    return { ...attachmentFromBytes(path, readFileSync(full), maxBytes), realPath: realpathSync(full) };
  } catch (error) {
    if (error instanceof AttachmentError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'no such file; check the path'
        : code === 'EACCES' || code === 'EPERM'
          ? "permission denied; check the file's permissions"
          : `${code ?? 'unreadable'}; check the file can be read`;
    throw new AttachmentError(path, `Cannot attach ${shown}: ${why}.`, {
      cause: error,
    });
  }
}

/**
 * The message sent for `text` with files attached: each file in a `<file name="...">` block, in
 * order, then the text. Without attachments, `text` itself.
 */
export function composeMessage(text: string, attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return text;
  const blocks = attachments.map((file) => fileBlock(file));
  return text.trim().length === 0 ? blocks.join('\n\n') : `${blocks.join('\n\n')}\n\n${text}`;
}

/** A file as it stands in a sent message: its name and its text (ending in a newline). */
export interface AttachedText {
  readonly name: string;
  readonly text: string;
}

const FILE_HEADER = /^<file name=("(?:[^"\\\n]|\\.)*")>\n/;
const FILE_END = '</file>';

/**
 * A sent message taken apart into the files {@link composeMessage} put in front of it and the
 * text the user typed (a saved message shown again). A block ends at the first `</file>` that
 * starts a line and is followed by a blank line or the end; a message with no such leading
 * block is all text.
 */
export function splitMessage(message: string): { files: AttachedText[]; text: string } {
  const files: AttachedText[] = [];
  let rest = message;
  for (;;) {
    const header = FILE_HEADER.exec(rest);
    const name = header ? parseName(header[1]!) : null;
    if (header === null || name === null) break;
    const body = rest.slice(header[0].length);
    const end = blockEnd(body);
    if (end < 0) break;
    files.push({ name, text: body.slice(0, end) });
    rest = body.slice(end + FILE_END.length).replace(/^\n\n/, '');
  }
  return files.length === 0 ? { files, text: message } : { files, text: rest };
}

/**
 * A sent message's line as chatmeter shows it: the text typed, then the attached files' names
 * (`explain  [+ notes.md, a.ts]`); the text alone when nothing was attached.
 */
export function sentMessageLine(text: string, fileNames: readonly string[]): string {
  if (fileNames.length === 0) return text;
  const names = `[+ ${fileNames.map(shownName).join(', ')}]`;
  return text === '' ? names : `${text}  ${names}`;
}

/** A saved message's line: its files by name after the text, as when it was sent. */
export function savedMessageLine(message: string): string {
  const { files, text } = splitMessage(message);
  return sentMessageLine(text, files.map((file) => file.name));
}

function parseName(quoted: string): string | null {
  try {
    const name: unknown = JSON.parse(quoted);
    return typeof name === 'string' ? name : null;
  } catch {
    return null; // not a block composeMessage wrote: the message is shown as it is
  }
}

/** Where the block's closing `</file>` starts in `body`, or -1. */
function blockEnd(body: string): number {
  for (let at = body.indexOf(FILE_END); at >= 0; at = body.indexOf(FILE_END, at + 1)) {
    const after = body.slice(at + FILE_END.length, at + FILE_END.length + 2);
    const startsLine = at === 0 || body[at - 1] === '\n';
    if (startsLine && (after === '' || after === '\n\n')) return at;
  }
  return -1;
}

/** One attachment as it goes into the message. */
export function fileBlock(file: Attachment): string {
  const name = JSON.stringify(file.name);
  const body = file.text.endsWith('\n') ? file.text : `${file.text}\n`;
  return `<file name=${name}>\n${body}</file>`;
}
