import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../core/private-file';

/** What a running proxy leaves for `chatmeter status` (no keys, no bodies). */
export interface ProxyState {
  readonly pid: number;
  /** The ledger session of this proxy run. */
  readonly sessionId: string;
  /** `http://host:port`. */
  readonly origin: string;
  /** Epoch milliseconds. */
  readonly startedAtMs: number;
  /** `--budget`: this session's limit in pico-USD, or null (the settings' session budget). */
  readonly sessionBudgetPicoUsd: bigint | null;
  /**
   * With the ledger off (`--no-ledger`, or a ledger that cannot be opened): the session's calls
   * and real spend so far, kept here since the ledger has none; null when the ledger records them.
   */
  readonly unrecorded: { readonly calls: number; readonly costPicoUsd: bigint } | null;
}

/** The folder of the running proxies' state files in a data folder: one file per process. */
export function proxyStateDir(dataDir: string): string {
  return join(dataDir, 'proxies');
}

/** The state file of the proxy with process id `pid`. */
export function proxyStateFile(dataDir: string, pid: number): string {
  return join(proxyStateDir(dataDir), `${pid}.json`);
}

/**
 * Writes a proxy's state file atomically (a temporary file renamed over it), mode 0600.
 * @throws the file system's error (a data folder that is a file, a read-only disk).
 */
export function writeProxyState(dataDir: string, state: ProxyState): void {
  const file = proxyStateFile(dataDir, state.pid);
  const json = JSON.stringify(state, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  writePrivateFile(file, `${json}\n`);
}

/** Removes a proxy's state file (nothing when it is gone). */
export function removeProxyState(dataDir: string, pid: number): void {
  rmSync(proxyStateFile(dataDir, pid), { force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const bigintOrNull = (value: unknown): bigint | null =>
  typeof value === 'string' && /^\d+$/.test(value) ? BigInt(value) : null;

function parseState(text: string): ProxyState | null {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  const { pid, sessionId, origin, startedAtMs, unrecorded } = raw;
  if (typeof pid !== 'number' || typeof sessionId !== 'string' || typeof origin !== 'string')
    return null;
  if (typeof startedAtMs !== 'number') return null;
  const figures = typeof unrecorded === 'object' && unrecorded !== null ? (unrecorded as Record<string, unknown>) : null;
  const cost = bigintOrNull(figures?.costPicoUsd);
  return {
    pid,
    sessionId,
    origin,
    startedAtMs,
    sessionBudgetPicoUsd: bigintOrNull(raw.sessionBudgetPicoUsd),
    unrecorded:
      figures && typeof figures.calls === 'number' && cost !== null
        ? { calls: figures.calls, costPicoUsd: cost }
        : null,
  };
}

/**
 * The running proxies of a data folder, oldest first: those whose process still runs (a proxy
 * killed with SIGKILL leaves its file behind). With `dropEnded`, the files of ended processes
 * are removed. Unreadable files are skipped; no folder means no proxy.
 */
export function readProxyStates(
  dataDir: string,
  options: { alive?: (pid: number) => boolean; dropEnded?: boolean } = {},
): ProxyState[] {
  const alive = options.alive ?? processAlive;
  let names: string[];
  try {
    names = readdirSync(proxyStateDir(dataDir)).filter((name) => /^\d+\.json$/.test(name));
  } catch {
    return [];
  }
  const states: ProxyState[] = [];
  for (const name of names) {
    const file = join(proxyStateDir(dataDir), name);
    let state: ProxyState | null;
    try {
      state = parseState(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    if (state && alive(state.pid)) states.push(state);
    else if (state && options.dropEnded) rmSync(file, { force: true });
  }
  return states.sort((a, b) => a.startedAtMs - b.startedAtMs);
}
