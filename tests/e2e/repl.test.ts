import { describe, expect, it } from 'vitest';
import type { PtySession } from '../helpers/pty';
import { usePtyCli } from '../helpers/pty-suite';

const pty = usePtyCli();
const start = pty.start;
let cli: PtySession | null = null;

/** Rows of the exit summary table (after the `Session <id>` header), one per model. */
function summaryRows(screen: string): string[] {
  const summary = screen.slice(screen.lastIndexOf('Session '));
  return summary.split('\n').filter((line) => /^mock\s+\S+\s+\d/.test(line));
}

describe('the interactive chat in a pseudo-terminal', () => {
  it('chats in mock mode, shows /usage, switches model, and prints the summary on Ctrl+C', async () => {
    cli = start();
    await cli.waitForText('No API key found: mock mode.');
    await cli.waitForText(/MOCK \| mock\/mock/);
    await cli.sendLine('hello there');
    await cli.waitForText('You wrote 2 words');
    await cli.waitForText(/mock · in \d+ · out \d+ · \$0 \(mock\) · \d/);

    await cli.sendLine('/usage');
    await cli.waitForText(/provider\s+model\s+calls/);
    await cli.waitForText(/total\s+1\s/);

    await cli.sendLine('/model gpt-4o');
    await cli.waitForText('Switched to gpt-4o');
    await cli.sendLine('and once more');
    await cli.waitForText(/gpt-4o · in \d+ · out \d+ · sim \$0\.\d+/);
    await cli.waitForText(/MOCK \| mock\/gpt-4o \| ctx [\d.]+% \|/);

    cli.press('ctrl+c');
    expect(await cli.exited()).toBe(0);
    const screen = cli.screen();
    expect(screen).toMatch(/Session [0-9a-f-]{36}/);
    const rows = summaryRows(screen);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^mock\s+mock\s+1\s/);
    expect(rows[1]).toMatch(/^mock\s+gpt-4o\s+1\s.*sim \$0\.\d+$/);
    expect(screen).toMatch(/total\s+2\s/);
    expect(screen).toContain('Mock session');
    expect(screen.indexOf('Session ')).toBeGreaterThan(screen.lastIndexOf('and once more'));
  });

  it('prints the summary and exits 143 on SIGTERM mid-session', async () => {
    cli = start();
    await cli.waitForText(/MOCK \|/);
    await cli.sendLine('one message');
    await cli.waitForText(/mock · in \d+ · out \d+/);
    cli.kill('SIGTERM');
    expect(await cli.exited()).toBe(143);
    const rows = summaryRows(cli.screen());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^mock\s+mock\s+1\s/);
  });

  it('cancels a long streamed reply with Ctrl+C, keeps the session, and counts one aborted call', async () => {
    cli = start({ env: { CHATMETER_MOCK_DELAY_MS: '5' } });
    await cli.waitForText(/MOCK \|/);
    await cli.sendLine('/long 20000');
    await cli.waitForText('Ctrl+C cancels the reply');
    await cli.waitForText(/out ~[1-9][\d,]* \|/);
    cli.press('ctrl+c');
    await cli.waitForText('Reply cancelled.');
    await cli.waitForText(/· cancelled/);
    await cli.sendLine('still here?');
    await cli.waitForText('You wrote 2 words: "still here?"');
    await cli.waitForText(/mock · in \d+ · out \d+ · \$0 \(mock\) · \d+ms\n/);
    cli.press('ctrl+d');
    expect(await cli.exited()).toBe(0);
    const screen = cli.screen();
    expect(screen).toMatch(/model\s+ok\s+aborted/);
    // One ok call and one aborted call (with an aborted column, the ok calls are headed "ok").
    expect(summaryRows(screen)[0]).toMatch(/^mock\s+mock\s+1\s+1\s/);
    expect(screen).toContain('~ estimated');
  });

  it('aborts the reply in flight, records it, and exits 130 on SIGINT from outside', async () => {
    cli = start({ env: { CHATMETER_MOCK_DELAY_MS: '5' } });
    await cli.waitForText(/MOCK \|/);
    await cli.sendLine('/long 20000');
    await cli.waitForText(/out ~[1-9][\d,]* \|/);
    cli.kill('SIGINT');
    expect(await cli.exited()).toBe(130);
    const screen = cli.screen();
    expect(screen).toContain('· cancelled');
    expect(summaryRows(screen)[0]).toMatch(/^mock\s+mock\s+0\s+1\s/);
  });

  it('prints the summary and exits 129 on SIGHUP', async () => {
    cli = start();
    await cli.waitForText(/MOCK \|/);
    cli.kill('SIGHUP');
    expect(await cli.exited()).toBe(129);
    expect(cli.screen()).toMatch(/Session [0-9a-f-]{36}/);
  });

  it('draws the live screen in a terminal whose environment says CI', async () => {
    cli = start({ env: { CI: 'true', CONTINUOUS_INTEGRATION: '1' } });
    await cli.waitForText(/MOCK \| mock\/mock/);
    await cli.sendLine('hello');
    await cli.waitForText(/mock · in \d+ · out \d+/);
    await cli.waitForText(/MOCK \| mock\/mock \| in \d+ out \d+/);
    cli.press('ctrl+d');
    expect(await cli.exited()).toBe(0);
    expect(summaryRows(cli.screen())).toHaveLength(1);
  });

  it('draws no colours with --no-color, and some without it', async () => {
    const colour = /\x1b\[(?:3[0-7]|9[0-7]|38;)/;
    for (const args of [['--no-color'], []]) {
      cli = start({ args });
      await cli.waitForText(/MOCK \|/);
      await cli.sendLine('hello');
      await cli.waitForText(/mock · in \d+ · out \d+/);
      cli.press('ctrl+c');
      expect(await cli.exited()).toBe(0);
      expect(colour.test(cli.output())).toBe(args.length === 0);
      cli.dispose();
      cli = null;
    }
  });
});
