import { ProviderError } from './errors';
import type { ProviderEvent } from './types';

/** Seconds without a byte from the provider before a call is given up: `--timeout`'s default. */
export const DEFAULT_TIMEOUT_SECONDS = 120;
/** Seconds without a byte before the first "waiting for" notice. */
export const WAIT_NOTICE_AFTER_SECONDS = 5;
/** Seconds between later "waiting for" notices. */
export const WAIT_NOTICE_EVERY_SECONDS = 15;

/** How a call is watched. */
export interface WatchdogOptions {
  /** Seconds without any event before the call is cancelled and fails with kind `timeout`. */
  readonly timeoutSeconds: number;
  /** What the notices name: the host, e.g. `api.openai.com`. */
  readonly host: string;
}

/**
 * Watches one provider call for silence. Before the first event and between events, a notice
 * `Waiting for <host> (12 s) - Ctrl+C to cancel.` appears after a few seconds without a byte and
 * then now and again; after `timeoutSeconds` of silence the call is cancelled through `signal`
 * and its `cancelled` error becomes a `timeout` error (recorded as a failed call of kind
 * `timeout`, or as aborted when part of the reply had arrived).
 */
export class CallWatchdog {
  readonly #controller = new AbortController();
  readonly #options: WatchdogOptions;
  #timedOut = false;

  /** @param outer the caller's signal (Ctrl+C): aborting it aborts the call as before. */
  constructor(outer: AbortSignal, options: WatchdogOptions) {
    this.#options = options;
    if (outer.aborted) this.#controller.abort(outer.reason);
    else outer.addEventListener('abort', () => this.#controller.abort(outer.reason), { once: true });
  }

  /** The signal to hand to the SDK: aborted by the caller or by the timeout. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * Passes `events` through, adding waiting notices and turning a timeout into its error. One
   * alarm is armed per quiet spell, not per event: events that arrive before it rings only move
   * the start of the silence, and an alarm that rings early is re-armed for the rest (a stream
   * of thousands of chunks would otherwise set and clear a timer for each).
   */
  async *watch(events: AsyncIterable<ProviderEvent>): AsyncGenerator<ProviderEvent> {
    const iterator = events[Symbol.asyncIterator]();
    const { timeoutSeconds, host } = this.#options;
    let silentSince = Date.now();
    let nextNoticeS = WAIT_NOTICE_AFTER_SECONDS;
    let pending = iterator.next();
    const alarm = new Alarm();
    try {
      for (;;) {
        const silentS = (Date.now() - silentSince) / 1000;
        const dueS = Math.min(nextNoticeS, timeoutSeconds);
        if (!this.#timedOut) alarm.arm((dueS - silentS) * 1000);
        const next = await Promise.race([pending, alarm.rung]);
        if (next === 'alarm') {
          alarm.reset();
          if ((Date.now() - silentSince) / 1000 < dueS) continue;
          const waitedS = Math.round((Date.now() - silentSince) / 1000);
          if (waitedS >= timeoutSeconds) {
            this.#timedOut = true;
            this.#controller.abort(new Error('timeout'));
          } else {
            yield { type: 'notice', message: `Waiting for ${host} (${waitedS} s) - Ctrl+C to cancel.` };
            nextNoticeS = waitedS + WAIT_NOTICE_EVERY_SECONDS;
          }
          continue;
        }
        if (next.done) return;
        const event = next.value;
        if (event.type !== 'notice') {
          silentSince = Date.now();
          nextNoticeS = WAIT_NOTICE_AFTER_SECONDS;
        }
        yield this.#timedOut && event.type === 'error' && event.error.kind === 'cancelled'
          ? { type: 'error', error: this.#timeoutError() }
          : event;
        pending = iterator.next();
      }
    } finally {
      alarm.reset();
    }
  }

  #timeoutError(): ProviderError {
    const { timeoutSeconds, host } = this.#options;
    return new ProviderError(
      'timeout',
      `${host} sent nothing for ${timeoutSeconds} s, so the call was given up. Retry, or raise --timeout (seconds).`,
    );
  }
}

/** One timer at a time: `rung` settles with `'alarm'` when the armed timer fires. */
class Alarm {
  #timer: NodeJS.Timeout | undefined;
  #ring: (() => void) | undefined;
  /** Settles when the armed timer fires; never, while none is armed. */
  rung: Promise<'alarm'> = new Promise(() => undefined);

  /** Arms the timer for `ms` from now, unless one is already armed. */
  arm(ms: number): void {
    if (this.#timer !== undefined) return;
    this.rung = new Promise((resolve) => {
      this.#ring = () => resolve('alarm');
    });
    this.#timer = setTimeout(() => this.#ring?.(), Math.max(0, ms));
  }

  /** Disarms the timer (after it rang, or when the call ends). */
  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.rung = new Promise(() => undefined);
  }
}
