import { format } from 'node:util';
import { ChatmeterError, errorMessage } from '../core/errors';
import { redactSecrets } from '../core/redact';
import type { Io } from './io';

/** DEBUG=chatmeter: the error with its causes and stack, API keys redacted (an SDK error's body may echo one). */
function debugDetails(error: unknown, io: Io): void {
  const keys = [io.env.OPENAI_API_KEY, io.env.ANTHROPIC_API_KEY].filter(
    (key): key is string => Boolean(key?.trim()),
  );
  io.stderr.write(`${redactSecrets(format(error), keys)}\n`);
}

/**
 * Writes an error that ended a command to stderr, one line for the user (with the causes and
 * stack under DEBUG=chatmeter), and returns the exit code: the error's own for a ChatmeterError,
 * else 1.
 */
export function reportError(error: unknown, io: Io): number {
  if (error instanceof ChatmeterError) {
    io.stderr.write(`chatmeter: ${error.message}\n`);
    if (io.env.DEBUG?.includes('chatmeter')) debugDetails(error, io);
    return error.exitCode;
  }
  io.stderr.write(`chatmeter: unexpected error: ${errorMessage(error)}\n`);
  if (io.env.DEBUG?.includes('chatmeter')) debugDetails(error, io);
  else io.stderr.write('Run again with DEBUG=chatmeter for details.\n');
  return 1;
}
