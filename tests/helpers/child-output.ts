import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** What a finished child process printed, and its exit code (null when a signal ended it). */
export interface ChildOutput {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Collects a spawned child's stdout and stderr as UTF-8 text until it closes (asynchronously, so
 * this process can serve the child meanwhile). Rejects when the child cannot be started.
 */
export function childOutput(
  child: ChildProcessByStdio<Writable | null, Readable, Readable>,
): Promise<ChildOutput> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
