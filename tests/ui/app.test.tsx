import { afterEach, describe, expect, it } from 'vitest';
import { type AppUnderTest, renderApp } from './app-fixture';

let app: AppUnderTest | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
});

describe('the REPL app', () => {
  it('starts with the mock notice, an empty prompt and a MOCK status bar', async () => {
    app = await renderApp();
    const frame = app.frame();
    expect(frame).toContain('mock mode');
    expect(frame).toMatch(/MOCK \| mock\/mock \| in 0 out 0 \| session \$0/);
  });

  it('shows a ledger problem known after the first frame as a warning', async () => {
    const warning = 'The usage ledger /x/usage.db is damaged (file is not a database).';
    app = await renderApp({ lateNotices: Promise.resolve([warning]) });
    await app.waitForFrame(`! ${warning}`);
  });

  it('sends on Enter, streams the reply and ends it with a dim usage line', async () => {
    app = await renderApp();
    app.type('hello world');
    app.press('enter');
    const frame = await app.waitForFrame(/mock · in \d+ · out \d+ · \$0 \(mock\)/);
    expect(frame).toContain('> hello world');
    expect(frame).toContain('You wrote 2 words');
    expect(frame).toMatch(/session \$0 \| last \$0/);
  });

  it.each([
    ['text and CR in one chunk', ['typed fast\r']],
    ['text and LF in one chunk (typed before raw mode)', ['typed fast\n']],
    ['a lone LF as Enter', ['typed fast', '\n']],
  ])('sends %s', async (_name, chunks) => {
    app = await renderApp({ script: [{ reply: 'sent ok' }] });
    for (const chunk of chunks) app.type(chunk);
    await app.waitForFrame('sent ok');
    expect(app.services.session.history[0]?.content).toBe('typed fast');
  });

  it('keeps a pasted block of lines as one message', async () => {
    app = await renderApp({ script: [{ reply: 'got it' }] });
    app.paste('line one\nline two');
    await app.waitForFrame('line two');
    app.press('enter');
    await app.waitForFrame('got it');
    expect(app.services.tracker.snapshot().totals.calls.ok).toBe(1);
    expect(app.services.session.history[0]?.content).toBe('line one\nline two');
  });

  it('walks input history with Up and Down', async () => {
    app = await renderApp({ script: [{ reply: 'first reply' }, { reply: 'second reply' }] });
    app.type('first question');
    app.press('enter');
    await app.waitForFrame('first reply');
    app.type('draft');
    app.press('up');
    await app.waitForFrame((f) => f.trimEnd().split('\n').at(-2) === '> first question');
    app.press('down');
    await app.waitForFrame((f) => f.trimEnd().split('\n').at(-2) === '> draft');
  });

  it('completes a command with Tab and runs it', async () => {
    app = await renderApp();
    app.type('/us');
    app.press('tab');
    await app.waitForFrame('> /usage');
    app.press('enter');
    await app.waitForFrame('No calls yet.');
  });

  it('clears typed text with Ctrl+C, then ends the session with Ctrl+C at the empty prompt', async () => {
    app = await renderApp();
    app.type('some text');
    await app.waitForFrame('> some text');
    app.press('ctrl+c');
    await app.waitForFrame((f) => !f.includes('some text'));
    expect(app.exits()).toBe(0);
    app.press('ctrl+c');
    expect(app.exits()).toBe(1);
  });

  it('ends the session with Ctrl+D at an empty prompt but not with text typed', async () => {
    app = await renderApp();
    app.type('x');
    await app.waitForFrame('> x');
    app.press('ctrl+d');
    expect(app.exits()).toBe(0);
    app.press('backspace');
    await app.waitForFrame((f) => !f.includes('> x'));
    app.press('ctrl+d');
    expect(app.exits()).toBe(1);
  });

  it('cancels a streaming reply with Ctrl+C, records it as aborted and keeps the session', async () => {
    app = await renderApp({ delayMs: 5 });
    app.type('/long 3000');
    app.press('enter');
    await app.waitForFrame('Ctrl+C cancels the reply');
    app.press('ctrl+c');
    await app.waitForFrame('Reply cancelled');
    expect(app.exits()).toBe(0);
    expect(app.services.tracker.snapshot().totals.calls.aborted).toBe(1);
    expect(app.frame()).toMatch(/mock · in ~\d+ · out ~[\d,]+ · \$0 \(mock\) · \S+ · cancelled/);
  });

  it('says how to send text typed while a reply streams, and keeps it', async () => {
    app = await renderApp({ delayMs: 5 });
    app.type('/long 3000');
    app.press('enter');
    await app.waitForFrame('Ctrl+C cancels the reply');
    app.type('/usage');
    app.press('enter');
    await app.waitForFrame('A reply is streaming: press Enter once it ends, or Ctrl+C to cancel it');
    expect(app.frame()).toContain('> /usage');
    app.press('ctrl+c');
    await app.waitForFrame('Reply cancelled');
    app.press('enter');
    await app.waitForFrame(/provider\s+model\s+ok\s+aborted/);
  });

  it('draws a fast stream in batches, not once per chunk', async () => {
    app = await renderApp({ delayMs: 1 });
    const before = app.frameCount();
    app.type('/long 3000');
    app.press('enter');
    await app.waitForFrame(/mock · in \d+ · out [\d,]+ · \$0 \(mock\) · /);
    const frames = app.frameCount() - before;
    expect(app.textEvents()).toBeGreaterThan(100);
    expect(frames).toBeLessThan(app.textEvents() / 4);
  });

  it('shows a provider error as one readable line and goes on', async () => {
    app = await renderApp({
      script: [{ error: { kind: 'rate_limit', status: 429 } }, { reply: 'fine now' }],
    });
    app.type('hi');
    app.press('enter');
    const frame = await app.waitForFrame('✗ ');
    const errorLine = frame.split('\n').find((line) => line.startsWith('✗ '));
    expect(errorLine).toMatch(/rate limit/i);
    app.type('again');
    app.press('enter');
    await app.waitForFrame('fine now');
  });

  it('appends the per-model usage table to the transcript with /usage (and /cost, /stats)', async () => {
    app = await renderApp({ script: [{ reply: 'one' }, { reply: 'two' }] });
    app.type('first');
    app.press('enter');
    await app.waitForFrame(/one\nmock · in/);
    app.type('/model gpt-4o');
    app.press('enter');
    await app.waitForFrame('Switched to gpt-4o');
    app.type('second');
    app.press('enter');
    await app.waitForFrame(/two\ngpt-4o · in/);
    for (const command of ['/usage', '/cost', '/stats']) {
      app.type(command);
      app.press('enter');
      const frame = await app.waitForFrame(`> ${command}\nprovider`);
      const table = frame.slice(frame.lastIndexOf(`> ${command}`));
      expect(table).toMatch(
        /^provider\s+model\s+calls\s+uncached\s+cache read\s+cache write\s+output \(reasoning\)\s+cost$/m,
      );
      expect(table).toMatch(/^mock\s+mock\s+1\s+\d+\s+0\s+0\s+\d+\s+\$0 \(mock\)$/m);
      expect(table).toMatch(/^mock\s+gpt-4o\s+1\s+\d+\s+0\s+0\s+\d+\s+sim \$0\.\d+$/m);
      expect(table).toMatch(/^total\s+2\s/m);
    }
  });

  it('names the nearest command for a typo', async () => {
    app = await renderApp();
    app.type('/usge');
    app.press('enter');
    await app.waitForFrame('Unknown command /usge. Did you mean /usage?');
  });

  it('switches to a simulated model with /model and shows it in the status bar', async () => {
    app = await renderApp();
    app.type('/model gpt-4o');
    app.press('enter');
    await app.waitForFrame('Switched to gpt-4o');
    await app.waitForFrame('mock/gpt-4o | ctx 0%');
    app.type('hello');
    app.press('enter');
    const frame = await app.waitForFrame(/gpt-4o · in \d+ · out \d+ · sim \$/);
    expect(frame).toMatch(/session sim \$0\.\d+ \| last sim \$0\.\d+/);
  });
});
