import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { usePtyCli } from '../helpers/pty-suite';

const pty = usePtyCli();

/** The model rows and the total row of a printed session summary. */
function figureRows(text: string): string[] {
  const summary = text.slice(text.lastIndexOf('Session '));
  return summary
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => /^(mock|total)\s+\S/.test(line));
}

describe('an interactive session in the ledger', () => {
  it('is what `usage show last` prints, to the pico-dollar', async () => {
    const cli = pty.start();
    await cli.waitForText(/MOCK [│|] /);
    await cli.sendLine('hello ledger');
    await cli.waitForText(/mock \W in \d+ \W out \d+/);
    await cli.sendLine('/model gpt-4o');
    await cli.waitForText('Switched to gpt-4o');
    await cli.sendLine('and a priced one');
    await cli.waitForText(/gpt-4o \W in \d+ \W out \d+ \W sim \$0\.\d+/);
    cli.press('ctrl+d');
    expect(await cli.exited()).toBe(0);
    const screen = cli.screen();
    const sessionId = /Session ([0-9a-f-]{36})/.exec(screen)?.[1];
    expect(sessionId).toBeDefined();

    const env = { ...process.env, CHATMETER_HOME: cli.home, NO_COLOR: '1' };
    const shown = execFileSync(process.execPath, [pty.bundle, 'usage', 'show', 'last'], {
      env,
      encoding: 'utf8',
    });
    expect(shown).toContain(`Session ${sessionId}`);
    const rows = figureRows(shown);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(figureRows(screen));

    const json = JSON.parse(
      execFileSync(process.execPath, [pty.bundle, 'usage', 'show', 'last', '--format', 'json'], {
        env,
        encoding: 'utf8',
      }),
    );
    expect(json.totals.calls).toEqual({ ok: 2, failed: 0, aborted: 0 });
    expect(json.simulatedCostUsd ?? json.totals.simulatedCostUsd).toMatch(/^0\.\d+$/);
  });
});
