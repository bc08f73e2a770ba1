import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usePtyCli } from '../helpers/pty-suite';

const pty = usePtyCli();
const dir = mkdtempSync(join(tmpdir(), 'chatmeter-pty-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'notes.md'), 'the meeting moved to friday\n');
writeFileSync(join(dir, 'agenda.txt'), 'one item\n');

describe('files in the interactive chat, in a pseudo-terminal', () => {
  it('attaches -f at start and /file with Tab completion, each before its message', async () => {
    const cli = pty.start({ args: ['--mock', '-m', 'gpt-4o', '-f', join(dir, 'notes.md')] });
    await cli.waitForText(/Attached .*notes\.md \(28 B, ~\d+ tokens\): would add/);
    await cli.sendLine('first');
    await cli.waitForText(`> first  [+ ${join(dir, 'notes.md')}]`);
    await cli.waitForText(/gpt-4o · in \d+ · out \d+/);

    cli.write(`/file ${dir}/ag`);
    await cli.waitForText(`/file ${dir}/ag`);
    cli.press('tab');
    await cli.waitForText(`/file ${dir}/agenda.txt`);
    cli.press('enter');
    await cli.waitForText(/Attached .*agenda\.txt \(9 B, ~\d+ tokens\)/);
    await cli.sendLine('second');
    await cli.waitForText(`> second  [+ ${join(dir, 'agenda.txt')}]`);
    await cli.waitForText(/gpt-4o · in \d+ · out \d+[^\n]*\n(?:.*\n)*.*gpt-4o · in \d+ · out \d+/);

    cli.press('ctrl+d');
    expect(await cli.exited()).toBe(0);
  });

  it('ends with one line and exit 2 when a -f file cannot be attached', async () => {
    const cli = pty.start({ args: ['--mock', '-f', join(dir, 'missing.md')] });
    expect(await cli.exited()).toBe(2);
    expect(cli.screen()).toContain(`chatmeter: Cannot attach ${join(dir, 'missing.md')}: no such file; check the path.`);
  });
});
