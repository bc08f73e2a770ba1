import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childOutput } from '../helpers/child-output';
import { useReplayServer } from '../helpers/replay-suite';
import { startOtlpReceiver, sumOf } from '../helpers/otlp-receiver';
import {
  cutAfterFrame,
  loadFixture,
  startReplayServer,
} from '../helpers/replay-server';
import { runCli } from '../cli/usage-helpers';
import { tempDir } from '../core/ledger/helpers';

const temp = tempDir('chatmeter-otel-exit-');
const replay = useReplayServer();
beforeAll(() => replay.serve(loadFixture('openai/chat-stream-include-usage.sse')));
afterAll(() => temp.cleanup());

let runs = 0;

/** Environment of a one-shot gpt-4o-mini call over the replay server, exporting to `endpoint`. */
function envFor(endpoint: string, providerOrigin = replay.origin): NodeJS.ProcessEnv {
  runs += 1;
  return {
    ...process.env,
    CHATMETER_HOME: `${temp.dir}/${runs}`,
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: `${providerOrigin}/v1`,
    CHATMETER_TELEMETRY: '1',
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
  };
}

async function oneShot(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['dist/cli.js', '-p', 'hi', '-m', 'gpt-4o-mini'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return childOutput(child);
}

/** A port nothing listens on: a server opened and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const WARNING =
  /^chatmeter: warning: telemetry: could not export to http:\/\/127\.0\.0\.1:\d+\/v1\/metrics \((.+)\); 1 call was not sent \(the usage ledger keeps it: `chatmeter usage export --otlp` sends them later\)\.$/m;

describe('a one-shot call whose collector fails', () => {
  it('sends the call and warns about nothing when the collector accepts it', async () => {
    const receiver = await startOtlpReceiver('accept');
    try {
      const run = await oneShot(envFor(receiver.origin));
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('warning');
      expect(sumOf(receiver.points(), 'chatmeter.call.count', { 'chatmeter.outcome': 'ok' })).toBe(
        1,
      );
    } finally {
      await receiver.close();
    }
  });

  it.each([
    ['answers 400', 400 as const, /^HTTP 400 Bad Request$/],
    [
      'answers 503',
      503 as const,
      /^busy or unavailable \(HTTP 429\/502\/503\/504\), also on retry$/,
    ],
    ['never answers', 'hang' as const, /^no answer/],
  ])(
    '%s: one warning line after the usage line, exit 0, the call kept in the ledger',
    async (_name, behaviour, reason) => {
      const receiver = await startOtlpReceiver(behaviour);
      try {
        const env = envFor(receiver.origin);
        const run = await oneShot(env);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout.length).toBeGreaterThan(0);
        const lines = run.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/^gpt-4o-mini · in \d+ · out \d+ · \$/);
        expect(lines[1]).toMatch(WARNING);
        expect(lines[1]!.match(WARNING)![1]).toMatch(reason);
        expect(receiver.requests.length).toBeGreaterThan(0);
        const report = runCli(env.CHATMETER_HOME!, ['usage', '--format', 'json'], env);
        expect(JSON.parse(report.stdout).totals.calls).toEqual({ ok: 1, failed: 0, aborted: 0 });
      } finally {
        await receiver.close();
      }
    },
  );

  it('is down: one warning naming the refused connection', async () => {
    const port = await closedPort();
    const run = await oneShot(envFor(`http://127.0.0.1:${port}`));
    expect(run.code, run.stderr).toBe(0);
    const warnings = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('chatmeter: warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.match(WARNING)?.[1]).toBe('connection refused');
  });
});

describe('a collector endpoint with credentials in it', () => {
  it('hides the password of a collector that is down', async () => {
    const port = await closedPort();
    const run = await oneShot(envFor(`http://user:PASSWORD@127.0.0.1:${port}`));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('PASSWORD');
    expect(run.stderr).toContain(
      `chatmeter: warning: telemetry: could not export to http://***@127.0.0.1:${port}/v1/metrics (connection refused)`,
    );
  });

  it('posts to /v1/metrics with the query after it, and hides the query when printed', async () => {
    const receiver = await startOtlpReceiver(400);
    try {
      const run = await oneShot(envFor(`${receiver.origin}?token=QSECRET`));
      expect(run.code, run.stderr).toBe(0);
      expect(receiver.paths).toEqual(['/v1/metrics?token=QSECRET']);
      expect(run.stderr).not.toContain('QSECRET');
      expect(run.stderr).toContain(`could not export to ${receiver.origin}/v1/metrics?*** (`);
    } finally {
      await receiver.close();
    }
  });
});

describe('a one-shot call the provider refuses', () => {
  it('exports the failed call before exiting 1', async () => {
    const receiver = await startOtlpReceiver('accept');
    const refusing = await startReplayServer();
    try {
      refusing.serve(loadFixture('openai/error-401-invalid-api-key.json'));
      const run = await oneShot(envFor(receiver.origin, refusing.origin));
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).not.toContain('warning');
      const points = receiver.points();
      expect(sumOf(points, 'chatmeter.call.count', { 'chatmeter.outcome': 'failed' })).toBe(1);
      expect(sumOf(points, 'chatmeter.token.usage')).toBe(0);
    } finally {
      await refusing.close();
      await receiver.close();
    }
  });
});

describe('a one-shot call ended by SIGTERM mid-stream', () => {
  let provider: Server;
  let origin: string;
  beforeAll(async () => {
    // Streams the first content frame, then holds the response open until the client leaves.
    const body = loadFixture('openai/chat-stream-include-usage.sse').body;
    const firstText = body.subarray(0, cutAfterFrame(body, '"content":"The'));
    provider = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(firstText);
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        provider.closeAllConnections();
        provider.close(() => resolve());
      }),
  );

  it('exports the aborted call before exiting 143', async () => {
    const receiver = await startOtlpReceiver('accept');
    try {
      const child = spawn(process.execPath, ['dist/cli.js', '-p', 'hi', '-m', 'gpt-4o-mini'], {
        env: envFor(receiver.origin, origin),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.once('data', () => child.kill('SIGTERM'));
      const run = await childOutput(child);
      expect(run.code, run.stderr).toBe(143);
      expect(run.stderr).toMatch(/^aborted: gpt-4o-mini/m);
      expect(run.stderr).not.toContain('warning');
      const points = receiver.points();
      expect(sumOf(points, 'chatmeter.call.count', { 'chatmeter.outcome': 'aborted' })).toBe(1);
      expect(
        sumOf(points, 'chatmeter.token.usage', { 'chatmeter.outcome': 'aborted' }),
      ).toBeGreaterThan(0);
    } finally {
      await receiver.close();
    }
  });
});
