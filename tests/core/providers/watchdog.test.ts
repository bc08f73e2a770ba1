import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../../src/core/providers/errors';
import type { ProviderEvent } from '../../../src/core/providers/types';
import { CallWatchdog } from '../../../src/core/providers/watchdog';

/** A provider call that sends nothing until its signal is aborted, then ends as cancelled. */
async function* hanging(signal: AbortSignal): AsyncGenerator<ProviderEvent> {
  await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  yield { type: 'error', error: new ProviderError('cancelled', 'Cancelled.') };
}

/** Pulls events from `events` in the background into `seen`. */
function drain(events: AsyncIterable<ProviderEvent>, seen: ProviderEvent[]): Promise<void> {
  return (async () => {
    for await (const event of events) seen.push(event);
  })();
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('CallWatchdog', () => {
  it('says it is waiting after 5 s without a byte, then every 15 s, and gives up at the timeout', async () => {
    const outer = new AbortController();
    const watchdog = new CallWatchdog(outer.signal, { timeoutSeconds: 30, host: 'api.example.com' });
    const seen: ProviderEvent[] = [];
    const done = drain(watchdog.watch(hanging(watchdog.signal)), seen);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(seen).toEqual([
      { type: 'notice', message: 'Waiting for api.example.com (5 s) - Ctrl+C to cancel.' },
    ]);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(seen.at(-1)).toEqual({
      type: 'notice',
      message: 'Waiting for api.example.com (20 s) - Ctrl+C to cancel.',
    });
    expect(watchdog.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    expect(watchdog.signal.aborted).toBe(true);
    const last = seen.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('timeout');
    expect(last?.type === 'error' && last.error.message).toBe(
      'api.example.com sent nothing for 30 s, so the call was given up. Retry, or raise --timeout (seconds).',
    );
  });

  it('leaves a Ctrl+C a cancellation, and a stream that keeps sending alone', async () => {
    const outer = new AbortController();
    const watchdog = new CallWatchdog(outer.signal, { timeoutSeconds: 10, host: 'h' });
    async function* steady(): AsyncGenerator<ProviderEvent> {
      for (let i = 0; i < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 4_000));
        yield { type: 'text', text: `${i}` };
      }
      yield* hanging(watchdog.signal);
    }
    const seen: ProviderEvent[] = [];
    const done = drain(watchdog.watch(steady()), seen);
    await vi.advanceTimersByTimeAsync(16_000);
    expect(seen.map((event) => event.type)).toEqual(['text', 'text', 'text', 'text']);
    outer.abort();
    await vi.advanceTimersByTimeAsync(0);
    await done;
    const last = seen.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('cancelled');
  });
});
