#!/usr/bin/env node
/**
 * Entry point: parses argv, runs the chosen handler (loaded lazily so `--version`, `cost` and
 * `models` never load ink or an SDK) and exits with its code. The only module that writes to the
 * console or calls `process.exit`.
 */
import { CommanderError } from 'commander';
// A namespace import: a named one of a function an older Node lacks would fail to link before
// the version check below could say what to do.
import * as nodeModule from 'node:module';
import { format } from 'node:util';
import type { Io } from './cli/io';
import { nodeVersionProblem } from './cli/node-version';
import { buildProgram } from './cli/program';
import { reportError } from './cli/report-error';

// Node keeps the compiled code of the chunks loaded from here on (the chat's Ink, React and SDK
// chunks) in its on-disk cache: about a tenth off each later start. NODE_DISABLE_COMPILE_CACHE=1
// turns it off.
nodeModule.enableCompileCache?.();

// A reader that goes away (`| head -1`) is not an error: handlers see the signal and stop
// writing; any other stdout failure is reported like every unexpected error.
const stdoutClosed = new AbortController();
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') stdoutClosed.abort();
  else process.stderr.write(`chatmeter: cannot write to stdout: ${error.message}\n`);
});

// Libraries warn through console.warn (the Anthropic SDK, about a deprecated model, on every
// call): outside the chat's screen that goes to stderr in our own format, each message once.
// The chat's Ink app draws console output itself while it is on screen.
const warnedAlready = new Set<string>();
console.warn = (...args: unknown[]) => {
  const text = format(...args).trim();
  if (text === '' || warnedAlready.has(text)) return;
  warnedAlready.add(text);
  process.stderr.write(`chatmeter: warning: ${text}\n`);
};

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  stdoutClosed: stdoutClosed.signal,
  // console.error is stderr; while the chat's Ink app is on screen it draws the line above the
  // live area (patchConsole) instead of tearing the frame.
  log: (line) => console.error(line),
};

let exitCode = 0;

async function run(handler: () => Promise<number>): Promise<void> {
  exitCode = await handler();
}

async function main(): Promise<void> {
  const tooOld = nodeVersionProblem(process.versions.node);
  if (tooOld) {
    process.stderr.write(`${tooOld}\n`);
    process.exit(1);
  }
  const program = buildProgram(io, run);
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; parse errors were already printed.
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      exitCode = reportError(error, io);
    }
  }
  // Let pending stdout writes drain before exiting (piped output can be asynchronous).
  process.stdout.write('', () => process.exit(exitCode));
}

await main();
