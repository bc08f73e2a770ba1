import { formatWithOptions } from 'node:util';
import { redactSecrets } from '../redact';
import { sanitizeTerminalLine } from '../terminal-text';

/** Where log lines go: one call per message, without a trailing newline (stderr in the CLI). */
export type LogWriter = (line: string) => void;

/** The logger shape both SDKs accept as their `logger` option. */
export interface SdkLogger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

/**
 * The logger handed to an SDK client instead of its default (`console`, whose debug and info
 * lines land on stdout): every message becomes one line, `chatmeter: <sdk> <level>: ...`, written
 * to `write` (stderr), with `secrets` and every credential header value redacted (request
 * details and error bodies included) and control characters shown visibly. The SDKs pick the
 * level from `OPENAI_LOG` / `ANTHROPIC_LOG` (default `warn`).
 */
export function sdkLogger(sdkName: string, write: LogWriter, secrets: readonly string[]): SdkLogger {
  const line =
    (level: string) =>
    (...args: unknown[]): void => {
      const text = formatWithOptions({ colors: false, depth: 8, breakLength: Infinity, compact: true }, ...args);
      write(`chatmeter: ${sdkName} ${level}: ${sanitizeTerminalLine(redactSecrets(text, secrets))}`);
    };
  return { error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug') };
}
