import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usePtyCli } from '../helpers/pty-suite';

const pty = usePtyCli();

/** Runs the CLI copy without a terminal (a subcommand) in `home`; returns stdout. */
function run(home: string, ...args: string[]): string {
  return execFileSync(process.execPath, [pty.bundle, ...args], {
    env: { ...process.env, CHATMETER_HOME: home, CHATMETER_MOCK_DELAY_MS: '0', COLUMNS: '100' },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('saved conversations in a pseudo-terminal', () => {
  it('resumes the last conversation with -c: shows it, and the next reply is sent its history', async () => {
    const env = { CHATMETER_MOCK_DELAY_MS: '0' };
    const first = pty.start({ env });
    await first.waitForText(/MOCK \| mock\/mock/);
    for (const [index, text] of ['apples are red', 'pears are green', 'plums are blue'].entries()) {
      await first.sendLine(text);
      await first.waitForText(`You wrote 3 words: "${text}"`);
      if (index > 0) await first.waitForText(`earlier turns in this conversation: ${index}`);
      await first.waitForText(new RegExp(`(mock · in \\d+ · out \\d+ ·[^\\n]*\\n[\\s\\S]*){${index + 1}}`));
    }
    first.press('ctrl+d');
    expect(await first.exited()).toBe(0);
    const home = first.home;

    const resumed = pty.start({ env: { ...env, CHATMETER_HOME: home }, args: ['-c'] });
    await resumed.waitForText(/Resumed conversation [0-9a-f]{8}: 3 turns, [\d,]+ tokens of context, on mock\./);
    const shown = await resumed.waitForText(/MOCK \| mock\/mock/);
    for (const text of ['apples are red', 'pears are green', 'plums are blue']) {
      expect(shown).toContain(`> ${text}`);
      expect(shown).toContain(`You wrote 3 words: "${text}"`);
    }
    expect(shown.match(/mock · earlier turn/g)).toHaveLength(3);
    await resumed.sendLine('figs are purple');
    await resumed.waitForText('earlier turns in this conversation: 3');
    resumed.press('ctrl+d');
    expect(await resumed.exited()).toBe(0);
    // Its own session: the summary counts the one new call only.
    expect(resumed.screen()).toMatch(/total\s+1\s/);

    const list = run(home, 'conversations', 'list');
    expect(list).toMatch(/^id\s+updated\s+model\s+turns\s+cost\s+first message$/m);
    const rows = list.split('\n').filter((line) => /^[0-9a-f]{8}\s/.test(line));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^[0-9a-f]{8}\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+mock\s+4\s+\$0 \(mock\)\s+apples are red$/);

    const shownText = run(home, 'conversations', 'show', rows[0]!.slice(0, 6));
    expect(shownText).toMatch(/^Conversation [0-9a-f-]{36} · .* · mock · 4 turns · \$0 \(mock\)\n/);
    const order = ['apples are red', 'pears are green', 'plums are blue', 'figs are purple'].map(
      (text) => shownText.indexOf(`> you\n${text}\n`),
    );
    expect(order.every((at, i) => at > (order[i - 1] ?? 0))).toBe(true);
  });

  it('saves nothing with --no-save', async () => {
    const cli = pty.start({ env: { CHATMETER_MOCK_DELAY_MS: '0' }, args: ['--no-save'] });
    await cli.waitForText(/MOCK \| mock\/mock/);
    await cli.sendLine('keep this to yourself');
    await cli.waitForText(/mock · in \d+ · out \d+/);
    cli.press('ctrl+d');
    expect(await cli.exited()).toBe(0);
    expect(readdirSync(cli.home).filter((name) => name.startsWith('conversations'))).toEqual([]);
    expect(existsSync(join(cli.home, 'usage.db'))).toBe(true);
    expect(run(cli.home, 'conversations', 'list')).toMatch(/^No saved conversations yet\./);
  });
});
