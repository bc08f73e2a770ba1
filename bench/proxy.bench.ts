import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { median, medianProcessMs } from './measure';
import type { Bench, BenchRow } from './types';

/** Calls timed for the first byte, direct and through the proxy, alternating. */
const FIRST_BYTE_CALLS = 40;
/** Paced streamed calls whose proxy CPU is measured. */
const CPU_CALLS = 10;
/** Text deltas per paced stream, and the pause between them (a fast model's pace). */
const CHUNKS = 200;
const CHUNK_GAP_MS = 2;
/** Linux clock ticks per second of /proc/<pid>/stat (USER_HZ). */
const CLOCK_TICKS = 100;

const frame = (event: string, data: object) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const START = frame('message_start', {
  type: 'message_start',
  message: { model: 'claude-haiku-4-5', usage: { input_tokens: 1200, output_tokens: 1 } },
});
const DELTA = frame('content_block_delta', {
  type: 'content_block_delta',
  index: 0,
  delta: { type: 'text_delta', text: 'Hello there, ' },
});
const END =
  frame('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: CHUNKS * 4 } }) +
  frame('message_stop', { type: 'message_stop' });

/** An upstream that streams a Messages reply: all at once, or paced chunk by chunk. */
async function startUpstream(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(START);
      if (req.headers['x-bench-paced'] !== '1') {
        res.end(DELTA + END);
        return;
      }
      let sent = 0;
      const timer = setInterval(() => {
        res.write(DELTA);
        if (++sent < CHUNKS) return;
        clearInterval(timer);
        res.end(END);
      }, CHUNK_GAP_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const agent = new Agent({ keepAlive: true });
const BODY = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: 'hi' }] });

/** One streamed call: milliseconds to the first body byte, and to the end. */
function call(origin: string, paced: boolean): Promise<{ firstByteMs: number; totalMs: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - start) / 1e6;
    let firstByteMs = -1;
    const req = request(`${origin}/v1/messages`, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        'x-api-key': 'sk-bench',
        ...(paced ? { 'x-bench-paced': '1' } : {}),
      },
    });
    req.on('response', (res) => {
      res.on('data', () => {
        if (firstByteMs < 0) firstByteMs = ms();
      });
      res.on('end', () => resolve({ firstByteMs, totalMs: ms() }));
    });
    req.on('error', reject);
    req.end(BODY);
  });
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Starts the built `chatmeter proxy` in front of `upstream`; resolves with its origin. */
async function startProxy(node: string, cli: string, home: string, upstream: string) {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    node,
    [cli, 'proxy', '--port', '0', '--openai-upstream', `${upstream}/v1`, '--anthropic-upstream', upstream],
    { env: { ...process.env, CHATMETER_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /chatmeter proxy on (http:\/\/\S+) /.exec(text);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`chatmeter proxy exited ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', () => resolve());
      child.kill('SIGINT');
    });
  return { pid: child.pid!, origin, stop };
}

/** The proxy against the upstream directly: added time to first byte, CPU per call and chunk. */
async function proxyRows(node: string, cli: string, home: string): Promise<BenchRow[]> {
  const upstream = await startUpstream();
  const proxy = await startProxy(node, cli, home, upstream.origin);
  try {
    for (let i = 0; i < 10; i++) {
      await call(upstream.origin, false);
      await call(proxy.origin, false);
    }
    const direct: number[] = [];
    const proxied: number[] = [];
    for (let i = 0; i < FIRST_BYTE_CALLS; i++) {
      direct.push((await call(upstream.origin, false)).firstByteMs);
      proxied.push((await call(proxy.origin, false)).firstByteMs);
    }
    const cpuBefore = cpuSeconds(proxy.pid);
    let wallMs = 0;
    for (let i = 0; i < CPU_CALLS; i++) wallMs += (await call(proxy.origin, true)).totalMs;
    const cpuMs = (cpuSeconds(proxy.pid) - cpuBefore) * 1000;
    const addedMs = median(proxied) - median(direct);
    const cpuShare = cpuMs / wallMs;
    return [
      { section: 'proxy', metric: 'first byte, direct to the upstream (ms, median)', value: median(direct).toFixed(2) },
      { section: 'proxy', metric: 'first byte, through chatmeter proxy (ms, median)', value: median(proxied).toFixed(2) },
      { section: 'proxy', metric: 'added to first byte (ms)', value: addedMs.toFixed(2), target: '< 5 ms', ok: addedMs < 5 },
      {
        section: 'proxy',
        metric: `proxy CPU per streamed call (${CHUNKS} chunks, ${CHUNK_GAP_MS} ms apart) / its wall time`,
        value: `${(cpuShare * 100).toFixed(2)}%`,
        target: '< 5%',
        ok: cpuShare < 0.05,
      },
      {
        section: 'proxy',
        metric: 'proxy CPU per chunk, read + relayed + metered (µs)',
        value: ((cpuMs * 1000) / (CPU_CALLS * CHUNKS)).toFixed(1),
      },
    ];
  } finally {
    await proxy.stop();
    upstream.server.closeAllConnections();
    upstream.server.close();
  }
}

/** `chatmeter status` on the ledger the proxy filled, without and with a budget in config. */
function statusRows(node: string, cli: string, home: string): BenchRow[] {
  const env = { ...process.env, CHATMETER_HOME: home };
  const baseline = medianProcessMs(node, ['-e', '0'], env, 15);
  const plainMs = medianProcessMs(node, [cli, 'status'], env, 15);
  writeFileSync(join(home, 'config.json'), JSON.stringify({ budget: { dailyUsd: 5 } }));
  const configMs = medianProcessMs(node, [cli, 'status'], env, 15);
  const row = (label: string, ms: number): BenchRow => ({
    section: 'startup',
    metric: `chatmeter status, ${label} / node -e 0`,
    value: `${(ms / baseline).toFixed(2)}x (${ms.toFixed(1)} ms)`,
    target: '<= 2.0x',
    ok: ms / baseline <= 2,
  });
  return [row('ledger, no config file', plainMs), row('ledger and a budget in config.json', configMs)];
}

const bench: Bench = async (ctx) => {
  const home = mkdtempSync(join(tmpdir(), 'chatmeter-proxy-bench-'));
  try {
    const rows = await proxyRows(ctx.node, ctx.cli, home);
    return [...rows, ...statusRows(ctx.node, ctx.cli, home)];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
};
export default bench;
