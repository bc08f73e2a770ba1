import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expandHome } from './attachment';

/** Most entries one Tab press offers (a folder of thousands stays quick). */
const MAX_PATH_COMPLETIONS = 200;

/** Names that would act on the terminal if drawn, or could not be typed back: never offered. */
const CONTROL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

function isFolder(dir: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, entry.name)).isDirectory();
  } catch {
    // A dangling link is offered as a file; attaching it then says what is wrong.
    return false;
  }
}

/**
 * Tab completion of a path: the entries of `partial`'s folder (relative to `cwd`, `~/` for the
 * home folder) whose names start with its last part, as `partial` would read completed, folders
 * ending in `/`, sorted. Hidden entries only when the last part starts with `.`. An unreadable
 * or missing folder offers nothing.
 */
export function pathCompletions(partial: string, cwd = process.cwd()): string[] {
  const slash = partial.lastIndexOf('/');
  const folderPart = partial.slice(0, slash + 1);
  const base = partial.slice(slash + 1);
  const dir = resolve(cwd, expandHome(folderPart || '.'));
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    // Nothing to offer from a folder that cannot be listed; Tab then leaves the input as it is.
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const { name } = entry;
    if (!name.startsWith(base) || CONTROL.test(name)) continue;
    if (name.startsWith('.') && !base.startsWith('.')) continue;
    found.push(`${folderPart}${name}${isFolder(dir, entry) ? '/' : ''}`);
    if (found.length >= MAX_PATH_COMPLETIONS) break;
  }
  return found.sort();
}
