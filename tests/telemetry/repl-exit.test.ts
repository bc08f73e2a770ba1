import { describe, expect, it } from 'vitest';
import type { PtySession } from '../helpers/pty';
import { usePtyCli } from '../helpers/pty-suite';
import { sumOf, useOtlpReceiver } from '../helpers/otlp-receiver';
import { loadFixture } from '../helpers/replay-server';
import { useReplayServer } from '../helpers/replay-suite';

const pty = usePtyCli();
const provider = useReplayServer();
const receiver = useOtlpReceiver();

/** The REPL on gpt-4o-mini over the replay server, exporting to the receiver; one reply done. */
async function chatOnce(): Promise<PtySession> {
  provider.serve(loadFixture('openai/chat-stream-include-usage.sse', { status: 200 }));
  const cli = pty.start({
    args: ['--model', 'gpt-4o-mini'],
    env: {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${provider.origin}/v1`,
      CHATMETER_TELEMETRY: '1',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver().origin,
    },
  });
  await cli.waitForText(/^openai\/gpt-4o-mini \| ctx 0%/m);
  await cli.sendLine('Say something');
  await cli.waitForText(/^gpt-4o-mini · in 87 · out 26 · \$0\.000029 · \d/m);
  return cli;
}

describe('the interactive chat with telemetry on', () => {
  it.each([
    ['/exit', (cli: PtySession) => void cli.sendLine('/exit'), 0],
    ['Ctrl+D', (cli: PtySession) => cli.press('ctrl+d'), 0],
    ['SIGHUP', (cli: PtySession) => cli.kill('SIGHUP'), 129],
  ])('exports the session on %s', async (_way, end, code) => {
    receiver().behave('accept');
    const before = receiver().requests.length;
    const cli = await chatOnce();
    end(cli);
    expect(await cli.exited()).toBe(code);
    expect(cli.screen()).toMatch(/^openai\s+gpt-4o-mini\s+1\s+87\s.*\$0\.000029$/m);
    const points = receiver()
      .requests.slice(before)
      .flatMap((r) => r.points);
    expect(sumOf(points, 'chatmeter.call.count', { 'chatmeter.outcome': 'ok' })).toBe(1);
    expect(sumOf(points, 'chatmeter.cost.usage').toFixed(12)).toBe('0.000028650000');
    expect(cli.screen()).not.toContain('warning');
  });

  it('prints the summary first and one warning after it when the collector never answers', async () => {
    receiver().behave('hang');
    const cli = await chatOnce();
    await cli.sendLine('/exit');
    expect(await cli.exited()).toBe(0);
    const screen = cli.screen();
    const summaryAt = screen.search(/^total\s+1\s/m);
    const warningAt = screen.indexOf('chatmeter: warning: telemetry: could not export');
    expect(summaryAt).toBeGreaterThan(0);
    expect(warningAt).toBeGreaterThan(summaryAt);
    expect(screen.match(/chatmeter: warning:/g)).toHaveLength(1);
    receiver().behave('accept');
  });
});
