import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, seedLedger } from '../cli/usage-helpers';
import { makeCall, tempDir } from '../core/ledger/helpers';
import { childOutput } from '../helpers/child-output';
import { useReplayServer } from '../helpers/replay-suite';
import { type OtlpPoint, startOtlpReceiver, useOtlpReceiver } from '../helpers/otlp-receiver';
import { loadFixture } from '../helpers/replay-server';

const temp = tempDir('chatmeter-otel-series-');
const receiver = useOtlpReceiver();
const replay = useReplayServer();
beforeAll(() => replay.serve(loadFixture('openai/chat-stream-include-usage.sse')));
afterAll(() => temp.cleanup());

/** Runs the built CLI with `args` under `env` (no provider base URL unless `env` sets one). */
async function cli(args: readonly string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['dist/cli.js', ...args], {
    env: { ...process.env, OPENAI_BASE_URL: '', ANTHROPIC_BASE_URL: '', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return childOutput(child);
}

/** Points sent to the shared receiver by `run`. */
async function sentBy(run: () => Promise<{ code: number | null; stderr: string }>) {
  const before = receiver().requests.length;
  const result = await run();
  expect(result.code, result.stderr).toBe(0);
  return receiver()
    .requests.slice(before)
    .flatMap((r) => r.points);
}

/** Each metric's attribute sets, as sorted JSON lines (one series per line). */
function seriesOf(points: readonly OtlpPoint[], leaveOut: readonly string[] = []) {
  const series = new Map<string, Set<string>>();
  for (const point of points) {
    const attrs = Object.fromEntries(
      Object.entries(point.attrs)
        .filter(([key]) => !leaveOut.includes(key))
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    const set = series.get(point.metric) ?? new Set<string>();
    set.add(JSON.stringify(attrs));
    series.set(point.metric, set);
  }
  return new Map([...series].map(([metric, set]) => [metric, [...set].sort()]));
}

describe('a call backfilled after its live export failed', () => {
  it('lands in the series live telemetry sent it to (the same server and provider attributes)', async () => {
    const env: NodeJS.ProcessEnv = {
      CHATMETER_HOME: `${temp.dir}/live-then-backfill`,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${replay.origin}/v1`,
      CHATMETER_TELEMETRY: '1',
    };
    const refusing = await startOtlpReceiver(400);
    let live: OtlpPoint[];
    try {
      const run = await cli(['-p', 'hi', '-m', 'gpt-4o-mini'], {
        ...env,
        OTEL_EXPORTER_OTLP_ENDPOINT: refusing.origin,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/1 call was not sent/);
      live = refusing.points();
    } finally {
      await refusing.close();
    }
    const backfilled = await sentBy(() =>
      cli(['usage', 'export', '--otlp'], {
        ...env,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver().origin,
      }),
    );
    const port = Number(new URL(replay.origin).port);
    expect(
      backfilled.find((p) => p.metric === 'gen_ai.client.token.usage')?.attrs,
    ).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'server.address': '127.0.0.1',
      'server.port': port,
    });
    // The ledger keeps neither the response model nor the time to the first chunk (README).
    const liveSeries = seriesOf(live, ['gen_ai.response.model']);
    liveSeries.delete('gen_ai.client.operation.time_to_first_chunk');
    expect(seriesOf(backfilled)).toEqual(liveSeries);
  });
});

describe('backfilled calls whose base URL the ledger does not know', () => {
  const home = `${temp.dir}/endpoints`;
  beforeAll(() => {
    const at = Date.UTC(2026, 10, 2, 9, 0, 0);
    seedLedger(home, [
      {
        mode: 'real',
        calls: [
          makeCall({ sessionId: 'chat', model: 'gpt-4o-mini', endedAtMs: at }),
          makeCall({
            sessionId: 'chat',
            provider: 'anthropic',
            model: 'claude-sonnet-4-5',
            endedAtMs: at + 1000,
          }),
        ],
      },
      {
        mode: 'real',
        calls: [makeCall({ sessionId: 'proxy', tool: 'curl', endedAtMs: at + 2000 })],
      },
    ]);
  });

  /** `gen_ai.client.token.usage` input points by request model: provider name and server. */
  async function endpoints(env: NodeJS.ProcessEnv) {
    const points = await sentBy(() =>
      cli(['usage', 'export', '--otlp', '--all'], {
        CHATMETER_HOME: home,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver().origin,
        ...env,
      }),
    );
    return Object.fromEntries(
      points
        .filter(
          (p) => p.metric === 'gen_ai.client.token.usage' && p.attrs['gen_ai.token.type'] === 'input',
        )
        .map((p) => [
          `${String(p.attrs['session.id'])} ${String(p.attrs['gen_ai.request.model'])}`,
          [p.attrs['gen_ai.provider.name'], p.attrs['server.address'], p.attrs['server.port']],
        ]),
    );
  }

  it("get the provider's own API host when no base URL is set, as live calls do; proxied calls none", async () => {
    expect(await endpoints({})).toEqual({
      'chat gpt-4o-mini': ['openai', 'api.openai.com', 443],
      'chat claude-sonnet-4-5': ['anthropic', 'api.anthropic.com', 443],
      'proxy gpt-4o': ['openai', undefined, undefined],
    });
  });

  it('get the base URL of the environment, else of the config, as live calls do', async () => {
    expect(await endpoints({ OPENAI_BASE_URL: 'https://api.x.ai/v1' })).toMatchObject({
      'chat gpt-4o-mini': ['x_ai', 'api.x.ai', 443],
      'chat claude-sonnet-4-5': ['anthropic', 'api.anthropic.com', 443],
    });
    const set = runCli(home, ['config', 'set', 'baseUrl.anthropic', 'http://127.0.0.1:8787']);
    expect(set.code, set.stderr).toBe(0);
    expect(await endpoints({})).toMatchObject({
      'chat gpt-4o-mini': ['openai', 'api.openai.com', 443],
      'chat claude-sonnet-4-5': ['anthropic', '127.0.0.1', 8787],
    });
  });
});
