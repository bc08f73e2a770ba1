import { describe, expect, it } from 'vitest';
import { usePtyCli } from '../helpers/pty-suite';
import { loadFixture } from '../helpers/replay-server';
import { useReplayServer } from '../helpers/replay-suite';

const FAKE_KEY = 'sk-test-REPLKEY-1234567890';

const pty = usePtyCli();
const server = useReplayServer();

describe('the interactive chat against a real provider API (local replay server)', () => {
  it('shows exact usage and real cost per reply, errors as one line, and a priced summary', async () => {
    server.serve([
      loadFixture('openai/chat-stream-include-usage.sse', { status: 200 }),
      loadFixture('openai/error-401-invalid-api-key.json', { status: 401 }),
    ]);
    const cli = pty.start({
      args: ['--model', 'gpt-4o-mini', '--no-ledger'],
      env: { OPENAI_API_KEY: FAKE_KEY, OPENAI_BASE_URL: `${server.origin}/v1` },
    });
    await cli.waitForText(/^openai\/gpt-4o-mini \| ctx 0% \| in 0 out 0 \| session \$0\.00$/m);
    await cli.sendLine('Say something');
    // The provider's usage (87 in, 26 out) at gpt-4o-mini's price: exact, no `~`.
    await cli.waitForText(/^gpt-4o-mini · in 87 · out 26 · \$0\.000029 · \d/m);
    // The next message resends the 87 + 26 tokens at $0.15 per 1M: $0.00001695 at least.
    await cli.waitForText(/in 87 out 26 \| session \$0\.000029 \| last \$0\.000029 \| next ≥\$0\.000017/);

    await cli.sendLine('And again');
    const screen = await cli.waitForText(/^✗ /m);
    const errorLines = screen.split('\n').filter((line) => line.startsWith('✗ '));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain('OPENAI_API_KEY');
    expect(screen).not.toContain('· failed');

    cli.press('ctrl+c');
    expect(await cli.exited()).toBe(0);
    const final = cli.screen();
    expect(final).toMatch(/^openai\s+gpt-4o-mini\s+1\s+1\s+87\s.*\$0\.000029$/m);
    expect(final).not.toContain('Mock session');
    expect(cli.output()).not.toContain(FAKE_KEY);
  });
});
