import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Creates `path` and any missing parents, like `mkdirSync(path, { recursive: true })` but without
 * its endless loop where a parent exists yet cannot hold children (a path under `/proc`, a
 * dangling symlink): Node's recursive mkdir retries ENOENT forever there at 100% CPU
 * (https://github.com/nodejs/node/issues/27198 is the same loop on Windows). Each missing folder
 * is made once, parents first; the first failure is thrown (ENOENT, ENOTDIR, EACCES...).
 * @param mode permissions of the folders it creates (e.g. `0o700`).
 */
export function makeDirectory(path: string, mode?: number): void {
  const missing: string[] = [];
  let current = resolve(path);
  while (!exists(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode });
    } catch (error) {
      // Made meanwhile by another process: fine.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !isDirectory(folder)) throw error;
    }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
