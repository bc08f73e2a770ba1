import { describe, expect, it } from 'vitest';
import { oncePerMessage } from '../../src/cli/repl-console';

function collect(columns?: number) {
  let written = '';
  const stream = oncePerMessage({ write: (chunk: string) => (written += chunk) }, () => columns);
  return { stream, written: () => written };
}

describe('library console output in the chat', () => {
  it('wraps a long notice at word boundaries to the terminal width, once per message', async () => {
    const out = collect(30);
    const notice =
      "The model 'claude-sonnet-4-5' is deprecated and will reach end-of-life on 2026-12-31\n";
    out.stream.write(notice);
    out.stream.write(notice);
    await new Promise((resolve) => setImmediate(resolve));
    const lines = out.written().split('\n').filter((line) => line !== '');
    expect(lines.every((line) => line.length <= 30)).toBe(true);
    expect(lines.join(' ')).toBe(notice.trim());
    expect(out.written().match(/deprecated/g)).toHaveLength(1);
  });
});
