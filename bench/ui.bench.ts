import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import * as pty from 'node-pty';
import { bundleOptions } from '../scripts/bundle-options.mjs';
import { median } from './measure';
import type { Bench, BenchContext, BenchModule, BenchRow } from './types';

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

/**
 * A value in kB from /proc/<pid>/status (VmHWM peak, VmRSS current), as MiB. Throws a clear error
 * when the process has already exited (its /proc entry is gone).
 */
function procStatusMib(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    throw new Error(`process ${pid} exited before its ${field} could be read`, { cause: error });
  }
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
    return { ms: at - start, peakRssMib: procStatusMib(run.pid, 'VmHWM') };
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

/** The environment of one chatmeter run: a private home, mock replies without delay. */
const cliEnv = () => ({
  CHATMETER_HOME: mkdtempSync(join(tmpdir(), 'chatmeter-bench-ui-')),
  CHATMETER_MOCK_DELAY_MS: '0',
});

/** Interactive chatmeter in mock mode, once its first frame is drawn. */
async function startChat(ctx: BenchContext): Promise<Running> {
  const chat = spawnInPty(ctx.node, [ctx.cli, '--mock'], cliEnv());
  try {
    await chat.waitFor((out) => out.includes('MOCK'), FIRST_FRAME_TIMEOUT_MS);
    return chat;
  } catch (error) {
    chat.kill();
    throw error;
  }
}

/** Current RSS of the chat, as a row with the ceiling. */
function rssRow(chat: Running, metric: string): BenchRow {
  const mib = procStatusMib(chat.pid, 'VmRSS');
  return {
    section: 'ui',
    metric,
    value: mib.toFixed(1),
    target: `< ${RSS_CEILING_MIB} MiB`,
    ok: mib < RSS_CEILING_MIB,
  };
}

/** RSS ceiling after 1 or 200 turns and after a 20,000-token reply. */
const RSS_CEILING_MIB = 120;
/** How much RSS may grow from turn 10 to turn 200. */
const TURN_GROWTH_MIB = 10;

const firstFrames: Bench = async (ctx) => {
  const bundled = await bundleFloor(ctx.root);
  const unbundled = join(ctx.root, 'bench', 'fixtures', 'min-ink-unbundled.mjs');
  const cliRuns: { ms: number; peakRssMib: number }[] = [];
  const bundledRuns: number[] = [];
  const unbundledRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    unbundledRuns.push((await firstFrame(ctx.node, [unbundled], 'bench: ready', {})).ms);
    bundledRuns.push((await firstFrame(ctx.node, [bundled], 'bench: ready', {})).ms);
    cliRuns.push(await firstFrame(ctx.node, [ctx.cli, '--mock'], 'MOCK', cliEnv()));
  }
  const cliMs = median(cliRuns.map((r) => r.ms));
  const unbundledMs = median(unbundledRuns);
  const bundledMs = median(bundledRuns);
  const peakRssMib = median(cliRuns.map((r) => r.peakRssMib));
  const ratio = (floorMs: number, max: number, floor: string): BenchRow => ({
    section: 'ui',
    metric: `first frame / minimal ${floor} Ink app`,
    value: `${(cliMs / floorMs).toFixed(2)}x`,
    target: `<= ${max.toFixed(1)}x`,
    ok: cliMs / floorMs <= max,
  });
  return [
    {
      section: 'ui',
      metric: 'first frame, minimal unbundled Ink app (ms, median)',
      value: unbundledMs.toFixed(0),
    },
    {
      section: 'ui',
      metric: 'first frame, minimal bundled Ink app (ms, median)',
      value: bundledMs.toFixed(0),
    },
    {
      section: 'ui',
      metric: 'first frame, chatmeter --mock (ms, median)',
      value: cliMs.toFixed(0),
    },
    ratio(unbundledMs, 0.6, 'unbundled'),
    ratio(bundledMs, 1, 'bundled'),
    {
      section: 'ui',
      metric: 'peak RSS at first frame (MiB, median)',
      value: peakRssMib.toFixed(1),
      target: '< 100 MiB',
      ok: peakRssMib < 100,
    },
  ];
};

const longReply: Bench = async (ctx) => {
  const chat = await startChat(ctx);
  try {
    const cpuBefore = cpuMs(chat.pid);
    const start = performance.now();
    chat.write('/long 20000');
    chat.write('\r');
    const end = await chat.waitFor((out) => usageLines(out) >= 1, 120_000);
    return [
      {
        section: 'ui',
        metric: 'stream 20,000-token mock reply, wall (ms)',
        value: (end - start).toFixed(0),
      },
      {
        section: 'ui',
        metric: 'stream 20,000-token mock reply, CPU (ms)',
        value: (cpuMs(chat.pid) - cpuBefore).toFixed(0),
      },
      rssRow(chat, 'RSS after the 20,000-token reply (MiB)'),
    ];
  } finally {
    chat.kill();
  }
};

const manyTurns: Bench = async (ctx) => {
  const chat = await startChat(ctx);
  const rows: BenchRow[] = [];
  let tenthMib = Number.NaN;
  try {
    for (let turn = 1; turn <= 200; turn++) {
      chat.write(`turn number ${turn}`);
      chat.write('\r');
      await chat.waitFor((out) => usageLines(out) >= turn, 30_000);
      if (turn === 1) rows.push(rssRow(chat, 'RSS after 1 mock turn (MiB)'));
      if (turn === 10) {
        tenthMib = procStatusMib(chat.pid, 'VmRSS');
        const metric = 'RSS after 10 mock turns (MiB)';
        rows.push({ section: 'ui', metric, value: tenthMib.toFixed(1) });
      }
    }
    const last = rssRow(chat, 'RSS after 200 mock turns (MiB)');
    const growth = Number(last.value) - tenthMib;
    rows.push(last, {
      section: 'ui',
      metric: 'RSS growth from turn 10 to turn 200 (MiB)',
      value: growth.toFixed(1),
      target: `<= ${TURN_GROWTH_MIB} MiB`,
      ok: growth <= TURN_GROWTH_MIB,
    });
    return rows;
  } finally {
    chat.kill();
  }
};

/** CPU and wall time to end a session after one mock turn: by /exit, and by SIGINT from outside. */
const sessionEnds: Bench = async (ctx) => {
  const rows: BenchRow[] = [];
  for (const how of ['/exit', 'SIGINT'] as const) {
    const runs: { cpuMs: number; wallMs: number }[] = [];
    for (let i = 0; i < 3; i++) runs.push(await exitCost(ctx.node, ctx.cli, cliEnv(), how));
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
  return rows;
};

export default [
  { name: 'ui', run: firstFrames },
  { name: 'ui', run: sessionEnds },
  { name: 'ui', run: longReply },
  { name: 'ui', run: manyTurns },
] satisfies BenchModule;
