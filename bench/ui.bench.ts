import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import * as pty from 'node-pty';
import { bundleOptions } from '../scripts/bundle-options.mjs';
import { median } from './measure';
import type { Bench, BenchRow } from './types';

const RUNS = 9;
const FIRST_FRAME_TIMEOUT_MS = 15_000;

/** The CLI or the floor app running in a pseudo-terminal; raw output only (no emulator). */
interface Running {
  readonly pid: number;
  output(): string;
  write(text: string): void;
  waitFor(test: (output: string) => boolean, timeoutMs: number): Promise<number>;
  kill(): void;
}

function spawnInPty(node: string, args: string[], env: Record<string, string>): Running {
  const child = pty.spawn(node, args, {
    name: 'xterm-256color',
    cols: 120,
    rows: 40,
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TERM: 'xterm-256color',
      COLUMNS: '120',
      LINES: '40',
      ...env,
    },
  });
  let output = '';
  let exited = false;
  child.onData((data) => {
    output += data;
  });
  child.onExit(() => {
    exited = true;
  });
  return {
    pid: child.pid,
    output: () => output,
    write: (text) => child.write(text),
    waitFor: (test, timeoutMs) =>
      new Promise((resolve, reject) => {
        const deadline = performance.now() + timeoutMs;
        const tick = () => {
          if (test(output)) resolve(performance.now());
          else if (exited || performance.now() > deadline) {
            reject(new Error(`bench: gave up waiting; output so far:\n${output.slice(-2000)}`));
          } else setImmediate(tick);
        };
        tick();
      }),
    kill: () => {
      if (!exited) child.kill('SIGKILL');
    },
  };
}

/** A value in kB from /proc/<pid>/status (VmHWM peak, VmRSS current), as MB. */
function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** User + system CPU time of a process so far, milliseconds (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Time to the first frame (the marker on screen) in a pty, and the peak RSS by then. */
export async function firstFrame(
  node: string,
  args: string[],
  marker: string,
  env: Record<string, string>,
) {
  const start = performance.now();
  const run = spawnInPty(node, args, env);
  try {
    const at = await run.waitFor((out) => out.includes(marker), FIRST_FRAME_TIMEOUT_MS);
    return { ms: at - start, peakRssMb: procStatusMb(run.pid, 'VmHWM') };
  } finally {
    run.kill();
  }
}

async function bundleFloor(root: string): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'chatmeter-min-ink-'));
  // The CLI's own bundle options, so the floor pays what the CLI's bundle pays.
  await build({
    ...bundleOptions,
    absWorkingDir: root,
    entryPoints: { 'min-ink': 'bench/fixtures/min-ink.tsx' },
    outdir,
  });
  return join(outdir, 'min-ink.js');
}

/** The pid of the one child of `pid` (the CLI under the `sh` that reports its CPU time). */
function childPid(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ');
  return Number(children[0]);
}

/** `times`' second line: the user and system CPU of the shell's finished children, in ms. */
const CHILD_TIMES = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*\r?\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s/;

function childCpuMs(output: string): number | null {
  const m = CHILD_TIMES.exec(output);
  if (!m) return null;
  const ms = (min: string, s: string) => (Number(min) * 60 + Number(s)) * 1000;
  return ms(m[5]!, m[6]!) + ms(m[7]!, m[8]!);
}

/**
 * CPU (user + system) and wall time a chat session spends ending after one mock turn, by
 * `/exit` or by SIGINT from outside: the CLI runs under `sh`, whose `times` reports the CPU of
 * the whole finished run; the CPU used before the ending is read from /proc and subtracted.
 */
async function exitCost(
  node: string,
  cli: string,
  env: Record<string, string>,
  how: '/exit' | 'SIGINT',
): Promise<{ cpuMs: number; wallMs: number }> {
  const run = spawnInPty('/bin/sh', ['-c', `"${node}" "${cli}" --mock; times`], env);
  try {
    await run.waitFor((out) => out.includes('MOCK'), FIRST_FRAME_TIMEOUT_MS);
    run.write('hello');
    run.write('\r');
    await run.waitFor((out) => usageLines(out) >= 1, 30_000);
    const pid = childPid(run.pid);
    const before = cpuMs(pid);
    const start = performance.now();
    if (how === '/exit') {
      run.write('/exit');
      run.write('\r');
    } else {
      process.kill(pid, 'SIGINT');
    }
    const end = await run.waitFor((out) => childCpuMs(out) !== null, 60_000);
    return { cpuMs: (childCpuMs(run.output()) ?? 0) - before, wallMs: end - start };
  } finally {
    run.kill();
  }
}

const USAGE_LINE = /out [\d,]+ · \$0 \(mock\) · \d/g;

function usageLines(output: string): number {
  return output.match(USAGE_LINE)?.length ?? 0;
}

const bench: Bench = async (ctx) => {
  const floor = await bundleFloor(ctx.root);
  const env = () => ({
    CHATMETER_HOME: mkdtempSync(join(tmpdir(), 'chatmeter-bench-ui-')),
    CHATMETER_MOCK_DELAY_MS: '0',
  });
  const cliRuns: { ms: number; peakRssMb: number }[] = [];
  const floorRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    floorRuns.push((await firstFrame(ctx.node, [floor], 'bench: ready', {})).ms);
    cliRuns.push(await firstFrame(ctx.node, [ctx.cli, '--mock'], 'MOCK', env()));
  }
  const cliMs = median(cliRuns.map((r) => r.ms));
  const floorMs = median(floorRuns);
  const ratio = cliMs / floorMs;
  const peakRssMb = median(cliRuns.map((r) => r.peakRssMb));

  const rows: BenchRow[] = [];
  const long = spawnInPty(ctx.node, [ctx.cli, '--mock'], env());
  try {
    await long.waitFor((out) => out.includes('MOCK'), FIRST_FRAME_TIMEOUT_MS);
    const cpuBefore = cpuMs(long.pid);
    const start = performance.now();
    long.write('/long 20000');
    long.write('\r');
    const end = await long.waitFor((out) => usageLines(out) >= 1, 120_000);
    rows.push(
      {
        section: 'ui',
        metric: 'stream 20,000-token mock reply, wall (ms)',
        value: (end - start).toFixed(0),
      },
      {
        section: 'ui',
        metric: 'stream 20,000-token mock reply, CPU (ms)',
        value: (cpuMs(long.pid) - cpuBefore).toFixed(0),
      },
      {
        section: 'ui',
        metric: 'RSS after the 20,000-token reply (MB)',
        value: procStatusMb(long.pid, 'VmRSS').toFixed(1),
      },
    );
  } finally {
    long.kill();
  }
  for (const how of ['/exit', 'SIGINT'] as const) {
    const runs: { cpuMs: number; wallMs: number }[] = [];
    for (let i = 0; i < 3; i++) runs.push(await exitCost(ctx.node, ctx.cli, env(), how));
    const cpu = median(runs.map((r) => r.cpuMs));
    rows.push(
      {
        section: 'ui',
        metric: `end a session by ${how}, CPU (ms, median)`,
        value: cpu.toFixed(0),
        target: '< 1000 ms',
        ok: cpu < 1000,
      },
      {
        section: 'ui',
        metric: `end a session by ${how}, wall (ms, median)`,
        value: median(runs.map((r) => r.wallMs)).toFixed(0),
      },
    );
  }
  const turns = spawnInPty(ctx.node, [ctx.cli, '--mock'], env());
  try {
    await turns.waitFor((out) => out.includes('MOCK'), FIRST_FRAME_TIMEOUT_MS);
    for (let turn = 1; turn <= 200; turn++) {
      turns.write(`turn number ${turn}`);
      turns.write('\r');
      await turns.waitFor((out) => usageLines(out) >= turn, 30_000);
      if (turn === 1) {
        rows.push({
          section: 'ui',
          metric: 'RSS after 1 mock turn (MB)',
          value: procStatusMb(turns.pid, 'VmRSS').toFixed(1),
        });
      }
    }
    rows.push({
      section: 'ui',
      metric: 'RSS after 200 mock turns (MB)',
      value: procStatusMb(turns.pid, 'VmRSS').toFixed(1),
    });
  } finally {
    turns.kill();
  }
  return [
    {
      section: 'ui',
      metric: 'first frame, minimal Ink app (ms, median)',
      value: floorMs.toFixed(0),
    },
    {
      section: 'ui',
      metric: 'first frame, chatmeter --mock (ms, median)',
      value: cliMs.toFixed(0),
    },
    {
      section: 'ui',
      metric: 'first frame ratio',
      value: `${ratio.toFixed(2)}x`,
      target: '<= 1.3x',
      ok: ratio <= 1.3,
    },
    {
      section: 'ui',
      metric: 'peak RSS at first frame (MB, median)',
      value: peakRssMb.toFixed(1),
      target: '< 120 MB',
      ok: peakRssMb < 120,
    },
    ...rows,
  ];
};
export default bench;
