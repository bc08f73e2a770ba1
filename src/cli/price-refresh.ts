import { spawn } from 'node:child_process';
import { realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeDirectory } from '../core/make-dir';
import { storedDataFile } from '../core/pricing/data-store';

/** At most one background refresh a day, whether the last one worked or not. */
const REFRESH_EVERY_MS = 24 * 60 * 60 * 1000;

/** Starts `chatmeter models update` detached from this process. */
export type StartUpdate = () => void;

/** The built CLI running this process, when it is one (tests run from source, and never spawn). */
function builtCliEntry(): string | null {
  const entry = process.argv[1];
  if (!entry) return null;
  try {
    const real = realpathSync(entry);
    return basename(real) === 'cli.js' ? real : null;
  } catch {
    return null;
  }
}

/** Runs `chatmeter models update` in a detached process whose output goes nowhere. */
function spawnDetachedUpdate(env: NodeJS.ProcessEnv): StartUpdate | null {
  const entry = builtCliEntry();
  if (!entry) return null;
  return () => {
    spawn(process.execPath, [entry, 'models', 'update'], {
      detached: true,
      stdio: 'ignore',
      env,
    }).unref();
  };
}

/**
 * With `prices.autoUpdate` on: starts a background `models update` when the last attempt is more
 * than a day old (or there was none), and notes the attempt first so a failing network is tried
 * again only the next day. Never waits for it: start-up and replies are not delayed, and the new
 * prices apply from the next run. Returns whether a refresh was started.
 */
export function refreshPricesInBackground(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  nowMs: number = Date.now(),
  start: StartUpdate | null = spawnDetachedUpdate(env),
): boolean {
  if (!start) return false;
  const marker = join(dirname(storedDataFile(dataDir)), 'last-update-attempt');
  try {
    if (nowMs - statSync(marker).mtimeMs < REFRESH_EVERY_MS) return false;
  } catch {
    // No attempt yet.
  }
  try {
    makeDirectory(dirname(marker), 0o700);
    writeFileSync(marker, `${new Date(nowMs).toISOString()}\n`, { mode: 0o600 });
    start();
    return true;
  } catch {
    // An unwritable data folder is reported where the ledger opens; a refresh can wait.
    return false;
  }
}
