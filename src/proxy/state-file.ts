import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a running proxy leaves for `chatmeter status` (no keys, no bodies). */
export interface ProxyState {
  readonly pid: number;
  /** The ledger session of this proxy run. */
  readonly sessionId: string;
  /** `http://host:port`. */
  readonly origin: string;
  /** Epoch milliseconds. */
  readonly startedAtMs: number;
}

/** The state file of the proxy in a data folder. */
export function proxyStateFile(dataDir: string): string {
  return join(dataDir, 'proxy.json');
}

/** Writes the state file atomically (a temporary file renamed over it), mode 0600. */
export function writeProxyState(file: string, state: ProxyState): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** Removes the state file when it is still this process's. */
export function removeProxyState(file: string, pid: number): void {
  if (readProxyState(file, () => true)?.pid === pid) rmSync(file, { force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The running proxy's state, or null when there is no state file, it cannot be read, or its
 * process has ended (a proxy killed with SIGKILL leaves its file behind).
 */
export function readProxyState(
  file: string,
  alive: (pid: number) => boolean = processAlive,
): ProxyState | null {
  let state: Partial<ProxyState>;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as Partial<ProxyState>;
  } catch {
    return null;
  }
  const { pid, sessionId, origin, startedAtMs } = state;
  if (typeof pid !== 'number' || typeof sessionId !== 'string' || typeof origin !== 'string')
    return null;
  if (typeof startedAtMs !== 'number' || !alive(pid)) return null;
  return { pid, sessionId, origin, startedAtMs };
}
