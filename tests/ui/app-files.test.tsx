import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type AppUnderTest, renderApp } from './app-fixture';

const dir = mkdtempSync(join(tmpdir(), 'chatmeter-app-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const notes = join(dir, 'notes.md');
writeFileSync(notes, 'the meeting moved to friday\n');

let app: AppUnderTest | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

describe('files in the chat', () => {
  it('attaches a file with /file, says what it adds, then sends it with the next message', async () => {
    app = await renderApp({ model: 'claude-sonnet-4-5', script: [{ reply: 'noted' }] });
    app.type(`/file ${notes}`);
    app.press('enter');
    const attached = await app.waitForFrame(/Attached .*notes\.md \(28 B, ~\d+ tokens\): would add/);
    expect(attached.replace(/\s+/g, ' ')).toMatch(
      /would add ~\$\S+ to this turn and to every later one on claude-sonnet-4-5 \(simulated, not charged\)\. It goes with your next message\./,
    );
    app.type('when is the meeting?');
    app.press('enter');
    const frame = await app.waitForFrame(/claude-sonnet-4-5 · in \d+/);
    expect(frame).toContain(`> when is the meeting?  [+ ${notes}]`);
    expect(app.sent()).toEqual([
      `<file name=${JSON.stringify(notes)}>\nthe meeting moved to friday\n</file>\n\nwhen is the meeting?`,
    ]);
  });

  it('refuses a missing file with one error line and sends the next message alone', async () => {
    app = await renderApp({ script: [{ reply: 'ok' }] });
    app.type(`/file ${dir}/missing.md`);
    app.press('enter');
    await app.waitForFrame(`✗ Cannot attach ${dir}/missing.md: no such file; check the path.`);
    app.type('hi');
    app.press('enter');
    await app.waitForFrame(/mock · in \d+/);
    expect(app.sent()).toEqual(['hi']);
  });
});

describe('replies that stopped early, in the chat', () => {
  it('marks the usage line of a cut reply', async () => {
    app = await renderApp({ script: [{ reply: 'The answer is', stopReason: 'max_tokens' }] });
    app.type('question');
    app.press('enter');
    await app.waitForFrame(/mock · in \d+ · out \d+ · \$0 \(mock\) · [\d.]+m?s · cut: max tokens/);
  });

  it('says when a reply has no text', async () => {
    app = await renderApp({ script: [{ reply: '', reasoningTokens: 30 }] });
    app.type('think hard');
    app.press('enter');
    await app.waitForFrame('! The reply has no text (only thinking). Its 30 output tokens are billed.');
  });
});
