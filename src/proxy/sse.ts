/** One Server-Sent Events frame: its `event:` name (or null) and its `data:` lines joined. */
export interface SseFrame {
  readonly event: string | null;
  readonly data: string;
  /** The frame's text as received, separator included (to pass it on or drop it). */
  readonly raw: string;
}

/**
 * Splits a byte stream into SSE frames as the bytes arrive: frames may be cut anywhere, even
 * inside a UTF-8 character. `\r\n` line ends are read like `\n`.
 */
export class SseSplitter {
  readonly #decoder = new TextDecoder('utf-8');
  #pending = '';

  /** The complete frames the chunk finishes (none when it ends inside a frame). */
  push(chunk: Uint8Array): SseFrame[] {
    this.#pending += this.#decoder.decode(chunk, { stream: true });
    return this.#frames();
  }

  /** Text received after the last complete frame (a stream cut inside a frame). */
  rest(): string {
    return this.#pending + this.#decoder.decode();
  }

  #frames(): SseFrame[] {
    const frames: SseFrame[] = [];
    for (;;) {
      const end = frameEnd(this.#pending);
      if (end < 0) return frames;
      const raw = this.#pending.slice(0, end);
      this.#pending = this.#pending.slice(end);
      frames.push(parseFrame(raw));
    }
  }
}

/** The index just past the first blank line (`\n\n` or `\r\n\r\n`), or -1. */
function frameEnd(text: string): number {
  const lf = text.indexOf('\n\n');
  if (!text.includes('\r')) return lf < 0 ? -1 : lf + 2;
  const match = /\r?\n\r?\n/.exec(text);
  return match ? match.index + match[0].length : -1;
}

function parseFrame(raw: string): SseFrame {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of raw.split(/\r?\n/)) {
    if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
    else if (line.startsWith('event:')) event = line.slice(6).trim();
  }
  return { event, data: data.join('\n'), raw };
}
