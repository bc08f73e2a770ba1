import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeDirectory } from './make-dir';

/**
 * Writes `text` to `file` atomically, mode 0600: to a temporary file beside it, then renamed over
 * it, so a reader sees the old content or the new, never a part. Missing folders are made with
 * mode 0700. Throws the file system's error, with the temporary file removed.
 */
export function writePrivateFile(file: string, text: string): void {
  makeDirectory(dirname(file), 0o700);
  const temporary = `${file}.${process.pid}-${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The write itself failed where nothing can be removed; its error below says why.
    }
    throw error;
  }
}
