import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Bundles the append-calls child script into `outDir` and returns its path. */
export async function buildAppender(outDir: string): Promise<string> {
  const outfile = join(outDir, 'append-calls.mjs');
  await build({
    entryPoints: [join(here, 'fixtures', 'append-calls.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    logLevel: 'warning',
  });
  return outfile;
}

/** Starts the appender; `lines` collects its stdout lines as they arrive. */
export function startAppender(
  script: string,
  args: readonly string[],
): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    // 'close', not 'exit': it fires once stdout is drained, so `lines` holds every line the
    // child wrote (a loaded machine can deliver them well after the process is gone).
    child.on('close', (code) => {
      if (stderr) lines.push(`stderr: ${stderr}`);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

/** Polls until `predicate` holds (10 ms steps), failing after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
