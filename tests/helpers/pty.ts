import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';

/** Keys as a terminal sends them. */
export const PTY_KEYS = {
  enter: '\r',
  tab: '\t',
  up: '\x1b[A',
  down: '\x1b[B',
  backspace: '\x7f',
  'ctrl+c': '\x03',
  'ctrl+d': '\x04',
} as const;

/** What `spawnCli` returns: the running CLI in a pseudo-terminal and its screen. */
export interface PtySession {
  /** Process id of the CLI. */
  readonly pid: number;
  /** The folder used as CHATMETER_HOME. */
  readonly home: string;
  /** Every byte the CLI wrote, as text. */
  output(): string;
  /** The visible screen plus scrollback, one string per row, trailing spaces trimmed. */
  screen(): string;
  /** Sends text as typed (one write). */
  write(text: string): void;
  /** Types a line of text, then Enter as its own key press. */
  sendLine(text: string): Promise<void>;
  press(key: keyof typeof PTY_KEYS): void;
  /** Sends a signal to the CLI process. */
  kill(signal: NodeJS.Signals): void;
  /** Polls the screen until it contains `text` (or matches); rejects with the screen on timeout. */
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code once the CLI has exited (and its output has been drawn). */
  exited(timeoutMs?: number): Promise<number>;
  resize(columns: number, rows: number): void;
  dispose(): void;
}

/** Options of `spawnCli`. */
export interface SpawnOptions {
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  readonly columns?: number;
  readonly rows?: number;
  /** The bundle to run; `dist/cli.js` by default. */
  readonly cli?: string;
}

const POLL_MS = 10;

/**
 * Copies the built CLI (`dist/`) to a private folder and checks that the copy runs, so a
 * rebuild of `dist/` by another test run at the same time cannot pull it away mid-test.
 * Returns the path of the copy's `cli.js`. Retries while `dist/` is being rebuilt.
 */
export function privateCliCopy(attempts = 50): string {
  for (let attempt = 1; ; attempt++) {
    const folder = mkdtempSync(join(tmpdir(), 'chatmeter-dist-'));
    try {
      if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js is missing');
      cpSync('dist', folder, { recursive: true });
      const cli = join(folder, 'cli.js');
      execFileSync(process.execPath, [cli, '--version'], { stdio: 'ignore', timeout: 10_000 });
      return cli;
    } catch (error) {
      if (attempt >= attempts) throw error;
      // Back off while another run rebuilds dist/ (a synchronous wait: this runs in beforeAll).
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}

function poll<T>(
  check: () => T | undefined,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = check();
      if (value !== undefined) resolve(value);
      else if (Date.now() > deadline) reject(new Error(describe()));
      else setTimeout(tick, POLL_MS);
    };
    tick();
  });
}

/**
 * Runs the built CLI in a real pseudo-terminal (node-pty) with a fresh CHATMETER_HOME, no API
 * keys, COLUMNS/LINES set, and feeds its output to a headless xterm to read the screen.
 */
export function spawnCli(options: SpawnOptions = {}): PtySession {
  const columns = options.columns ?? 100;
  const rows = options.rows ?? 40;
  const home = mkdtempSync(join(tmpdir(), 'chatmeter-pty-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/API_KEY|BASE_URL|^NO_COLOR$|^CHATMETER_/.test(key))
      env[key] = value;
  }
  Object.assign(env, {
    CHATMETER_HOME: home,
    COLUMNS: String(columns),
    LINES: String(rows),
    TERM: 'xterm-256color',
    ...options.env,
  });
  const terminal = new xterm.Terminal({
    cols: columns,
    rows,
    scrollback: 5000,
    allowProposedApi: true,
  });
  const child = pty.spawn(
    process.execPath,
    [options.cli ?? 'dist/cli.js', ...(options.args ?? [])],
    {
      name: 'xterm-256color',
      cols: columns,
      rows,
      cwd: process.cwd(),
      env,
    },
  );
  let output = '';
  let pendingWrites = 0;
  let exitCode: number | null = null;
  child.onData((data) => {
    output += data;
    pendingWrites++;
    terminal.write(data, () => {
      pendingWrites--;
    });
  });
  child.onExit(({ exitCode: code, signal }) => {
    exitCode = signal ? 128 + signal : code;
  });
  const screen = () => {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++)
      lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines.join('\n');
  };
  const session: PtySession = {
    pid: child.pid,
    home,
    output: () => output,
    screen,
    write: (text) => child.write(text),
    sendLine: async (text) => {
      child.write(text);
      await session.waitForText(text.length > 40 ? text.slice(-40) : text);
      child.write(PTY_KEYS.enter);
    },
    press: (key) => child.write(PTY_KEYS[key]),
    kill: (signal) => child.kill(signal),
    waitForText: (text, timeoutMs = 10_000) =>
      poll(
        () => {
          if (pendingWrites > 0) return undefined;
          const current = screen();
          const found = typeof text === 'string' ? current.includes(text) : text.test(current);
          return found ? current : undefined;
        },
        timeoutMs,
        () => `timed out waiting for ${String(text)}; screen:\n${screen()}`,
      ),
    exited: (timeoutMs = 10_000) =>
      poll(
        () => (exitCode !== null && pendingWrites === 0 ? exitCode : undefined),
        timeoutMs,
        () => `the CLI did not exit; screen:\n${screen()}`,
      ),
    resize: (cols, newRows) => {
      child.resize(cols, newRows);
      terminal.resize(cols, newRows);
    },
    dispose: () => {
      if (exitCode === null) child.kill('SIGKILL');
      terminal.dispose();
    },
  };
  return session;
}
