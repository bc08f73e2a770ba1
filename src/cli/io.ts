/** A writable text sink with what the CLI needs to know about the terminal behind it. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * The process's streams and environment, injected into every command handler so handlers never
 * touch `console` or `process.exit` (only `src/cli.tsx` does) and tests can capture output.
 */
export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /**
   * Aborted when whoever reads stdout has gone away (EPIPE, e.g. `chatmeter -p ... | head -1`):
   * a handler stops writing there, and one-shot mode cancels its call so it is still recorded.
   */
  readonly stdoutClosed?: AbortSignal;
  /**
   * Writes one diagnostic line (the SDKs' redacted log lines) to stderr; in the chat the line is
   * drawn above the live area instead of tearing it. Default: `stderr.write`.
   */
  readonly log?: (line: string) => void;
}

/** A command handler: runs one subcommand and resolves to the process exit code. */
export type CommandHandler<Options> = (options: Options, io: Io) => Promise<number>;

/**
 * Reads a stream to its end as UTF-8 text (piped stdin). Chunks may be Buffers or strings; bytes
 * are decoded once at the end, so a multi-byte character split across chunks stays whole.
 */
export async function readAllText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}
