import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { TranscriptItemView } from '../../src/ui/components/transcript-item';
import { sanitizeTerminalText } from '../../src/core/terminal-text';
import { initialReplState, replReducer } from '../../src/ui/state/repl-reducer';
import { render } from '../helpers/render';

const HOSTILE = 'clear\x1b[2J clip\x1b]52;c;aGVsbG8=\x07 csi\x9b31m bell\x07 nul\x00 del\x7f end';

describe('sanitizeTerminalText', () => {
  it.each([
    ['\x1b[2J', '␛[2J'],
    ['\x1b]52;c;aGVsbG8=\x07', '␛]52;c;aGVsbG8=␇'],
    ['\x9b31m', '<9B>31m'],
    ['\x85', '<85>'],
    ['a\x00b', 'a␀b'],
    ['a\x7fb', 'a␡b'],
    ['line\r\nnext', 'line\nnext'],
    ['over\rwrite', 'over␍write'],
  ])('shows %j as harmless visible text', (input, expected) => {
    expect(sanitizeTerminalText(input)).toBe(expected);
  });

  it('keeps line feeds, tabs and ordinary Unicode as they are', () => {
    const text = 'a\tb\nçé 日本 🙂 ␛ literal';
    expect(sanitizeTerminalText(text)).toBe(text);
  });
});

describe('model output with control sequences', () => {
  it('renders ESC, CSI, OSC 52 and C1 controls as visible text and writes none of them', async () => {
    let state = replReducer(initialReplState(), { type: 'user-sent', text: 'hi', model: 'm' });
    state = replReducer(state, { type: 'reply-chunk', text: `${HOSTILE}\n`, progress: null });
    const reply = state.items.find((item) => item.kind === 'reply');
    expect(reply).toBeDefined();
    const ui = render(createElement(TranscriptItemView, { item: reply! }));
    const frame = await ui.waitForFrame('end');
    expect(frame).toContain('clear␛[2J clip␛]52;c;aGVsbG8=␇ csi<9B>31m bell␇ nul␀ del␡ end');
    const raw = ui.rawFrame();
    expect(raw).not.toContain('\x1b[2J');
    expect(raw).not.toContain('\x1b]');
    expect(raw).not.toMatch(/[\x80-\x9f\x07\x00\x7f]/);
    ui.unmount();
  });
});
