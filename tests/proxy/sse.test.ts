import { describe, expect, it } from 'vitest';
import { SseSplitter } from '../../src/proxy/sse';

describe('SseSplitter', () => {
  it('rebuilds frames cut anywhere, even inside a UTF-8 character', () => {
    const text = 'event: a\ndata: {"t":"é€"}\n\ndata: [DONE]\n\n';
    const bytes = Buffer.from(text);
    const splitter = new SseSplitter();
    const frames = [...bytes].flatMap((byte) => splitter.push(Uint8Array.of(byte)));
    expect(frames.map((f) => [f.event, f.data])).toEqual([
      ['a', '{"t":"é€"}'],
      [null, '[DONE]'],
    ]);
    expect(frames.map((f) => f.raw).join('')).toBe(text);
    expect(splitter.rest()).toBe('');
  });

  it('reads CRLF line ends and joins multi-line data', () => {
    const splitter = new SseSplitter();
    const frames = splitter.push(Buffer.from('event: x\r\ndata: 1\r\ndata:2\r\n\r\ndata: tail'));
    expect(frames.map((f) => [f.event, f.data])).toEqual([['x', '1\n2']]);
    expect(splitter.rest()).toBe('data: tail');
  });
});
