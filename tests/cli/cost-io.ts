import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Io } from '../../src/cli/io';

/** An Io whose output is captured, for running `cost` and `models` handlers in-process. */
export interface CapturedIo extends Io {
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
}

/** A fresh temporary folder (also used as CHATMETER_HOME so no real config is read). */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'chatmeter-cost-'));
}

/** Writes `value` as JSON into `dir` and returns the file path. */
export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

/** Builds a captured Io; `stdin` is piped text, or a terminal when undefined. */
export function captureIo(options: { stdin?: string; home?: string } = {}): CapturedIo {
  let out = '';
  let err = '';
  const stdin = Readable.from(options.stdin === undefined ? [] : [options.stdin]) as Readable & {
    isTTY?: boolean;
  };
  if (options.stdin === undefined) stdin.isTTY = true;
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    stdin,
    env: { CHATMETER_HOME: options.home ?? tempDir() },
    out: () => out,
    err: () => err,
  };
}

/** Result of running the built CLI. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args` with an isolated CHATMETER_HOME and optional stdin. */
export function runBuiltCli(args: readonly string[], input?: string): CliResult {
  const result = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    encoding: 'utf8',
    input: input ?? '',
    env: { ...process.env, CHATMETER_HOME: tempDir() },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
