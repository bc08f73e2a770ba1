import { describe, expect, it } from 'vitest';
import { usePtyCli } from '../helpers/pty-suite';
import { loadFixture } from '../helpers/replay-server';
import { useReplayServer } from '../helpers/replay-suite';

const pty = usePtyCli();
const server = useReplayServer();

describe('console output of a library during the chat', () => {
  it('is drawn above the prompt once, and leaves no stale copy of the live area behind', async () => {
    // The Anthropic SDK console.warns on every request naming a model it lists as deprecated.
    const fixture = loadFixture('anthropic/messages-stream-basic.sse');
    server.serve([fixture, fixture]);
    const cli = pty.start({
      args: ['--model', 'claude-sonnet-4-5', '--no-ledger'],
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-not-a-key', ANTHROPIC_BASE_URL: server.origin },
    });
    await cli.waitForText(/anthropic\/claude-sonnet-4-5 \| ctx/);
    for (const text of ['first question', 'second question']) {
      await cli.sendLine(text);
      await cli.waitForText(new RegExp(`> ${text}[\\s\\S]*claude-sonnet-4-5 · in \\d`));
    }
    const lines = cli.screen().split('\n');
    expect(lines.filter((line) => line.includes("The model 'claude-sonnet-4-5' is deprecated")))
      .toHaveLength(1);
    // Before the fix the warning tore Ink's frame: the waiting mark and an empty prompt of the
    // live area stayed behind in the transcript.
    expect(lines.filter((line) => line.startsWith('claude-sonnet-4-5 …'))).toEqual([]);
    expect(lines.filter((line) => line.trim() === '>')).toHaveLength(1);
    cli.press('ctrl+d');
    expect(await cli.exited()).toBe(0);
  });
});
