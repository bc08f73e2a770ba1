import { errorMessage } from '../errors';
import type { CallRecord, CallSink, SessionMode } from '../usage/types';
import { LedgerError } from './errors';
import { type Ledger, openLedger } from './ledger';

/**
 * Writes each ended call to the ledger synchronously, before the caller moves on (so before the
 * UI shows its cost). The first failed write throws a {@link LedgerError} (the chat session shows
 * it as one notice); the sink then stops writing and the chat goes on metering in memory.
 */
export class LedgerSink implements CallSink {
  /** How the chat session names this sink in a warning. */
  readonly name = 'usage ledger';
  readonly #ledger: Ledger;
  readonly #mode: SessionMode;
  readonly #nowMs: () => number;
  readonly #sessions = new Set<string>();
  #failed = false;

  constructor(ledger: Ledger, mode: SessionMode, nowMs: () => number = Date.now) {
    this.#ledger = ledger;
    this.#mode = mode;
    this.#nowMs = nowMs;
  }

  /** Whether a write has failed (the sink no longer writes). */
  get disabled(): boolean {
    return this.#failed;
  }

  /** Adds the session row now, so a session without calls is recorded too. Throws like `record`. */
  startSession(sessionId: string, startedAtMs: number): void {
    this.#write(() => {
      this.#ledger.startSession(sessionId, this.#mode, startedAtMs);
      this.#sessions.add(sessionId);
    });
  }

  /** Records the end time of every session this sink has seen. Throws like `record`. */
  endSessions(endedAtMs: number): void {
    this.#write(() => {
      for (const id of this.#sessions) this.#ledger.endSession(id, endedAtMs);
    });
  }

  /** Appends one ended call, adding its session row first when this sink has not seen it. */
  record(call: CallRecord): void {
    this.#write(() => {
      if (!this.#sessions.has(call.sessionId)) {
        this.#ledger.startSession(call.sessionId, this.#mode, this.#nowMs());
        this.#sessions.add(call.sessionId);
      }
      this.#ledger.recordCall(call, this.#mode === 'mock');
    });
  }

  #write(action: () => void): void {
    if (this.#failed) return;
    try {
      action();
    } catch (error) {
      this.#failed = true;
      const reason = errorMessage(error);
      throw new LedgerError(
        `${this.#ledger.file} failed to write (${reason}); from now on usage is kept in memory only`,
        { file: this.#ledger.file, cause: error },
      );
    }
  }
}

/** The ledger side of one chat process: a sink to pass first in `sinks`, and its shutdown. */
export interface LedgerRecording {
  readonly sink: LedgerSink;
  /** Writes the sessions' end time and closes the file. Returns a warning instead of throwing. */
  close(endedAtMs?: number): string | null;
}

/** Options of {@link startLedgerRecording}. */
export interface StartRecordingOptions {
  readonly chatmeterVersion: string;
  /** The chat session id, written as a session row right away. */
  readonly sessionId: string;
  readonly mode: SessionMode;
  /** Clock, epoch milliseconds (default `Date.now`). */
  readonly nowMs?: () => number;
  /** Session start, epoch milliseconds (default: now), the same instant as the tracker's. */
  readonly startedAtMs?: number;
}

/**
 * Opens the ledger for a chat and writes its session row. When the ledger cannot be opened or
 * written (read-only folder, damaged file, newer schema) it returns `recording: null` and one
 * warning to show as a notice; the chat then meters in memory and the file is left untouched.
 */
export function startLedgerRecording(
  file: string,
  options: StartRecordingOptions,
): { recording: LedgerRecording | null; warning: string | null } {
  const nowMs = options.nowMs ?? Date.now;
  let ledger: Ledger | undefined;
  try {
    ledger = openLedger(file, { chatmeterVersion: options.chatmeterVersion });
    // Sessions of processes that were killed get their end now, marked as abnormal.
    ledger.closeStaleSessions();
    const sink = new LedgerSink(ledger, options.mode, nowMs);
    sink.startSession(options.sessionId, options.startedAtMs ?? nowMs());
    const open = ledger;
    const close = (endedAtMs?: number): string | null => {
      try {
        sink.endSessions(endedAtMs ?? nowMs());
        return null;
      } catch (error) {
        return errorMessage(error);
      } finally {
        open.close();
      }
    };
    return { recording: { sink, close }, warning: null };
  } catch (error) {
    ledger?.close();
    const reason = errorMessage(error);
    const sentence = /[.!?]$/.test(reason) ? reason : `${reason}.`;
    return { recording: null, warning: `${sentence} Usage is metered in memory only.` };
  }
}

/** A ledger recording whose file is opened on demand; see {@link deferLedgerRecording}. */
export interface DeferredLedgerRecording {
  /** The sink to pass first in `sinks`; its first call opens the ledger if `open` has not. */
  readonly sink: CallSink;
  /**
   * Opens the ledger and writes the session row (once; later calls do nothing). Returns the
   * warning to show when the ledger cannot be opened, unless a recorded call reported it first.
   */
  open(): string | null;
  /**
   * Writes the session's end time and closes the file, opening it first if nothing has (so a
   * session without calls is recorded too). Returns a warning not shown yet, instead of throwing.
   */
  close(endedAtMs?: number): string | null;
}

/**
 * {@link startLedgerRecording}, put off until `open()` or the first recorded call, whichever
 * comes first. The interactive chat opens the ledger right after its first frame: opening
 * SQLite, creating or migrating the schema and writing the session row cost about 10 ms that the
 * first frame need not wait for. Every call is still written before any other sink sees it.
 */
export function deferLedgerRecording(
  file: string,
  options: StartRecordingOptions,
): DeferredLedgerRecording {
  let started: { recording: LedgerRecording | null; warning: string | null } | undefined;
  let warningShown = false;
  const start = () => {
    started ??= startLedgerRecording(file, options);
    return started;
  };
  const unshownWarning = (warning: string | null): string | null => {
    if (warning === null || warningShown) return null;
    warningShown = true;
    return warning;
  };
  const sink: CallSink = {
    name: 'usage ledger',
    record(call: CallRecord) {
      const { recording, warning } = start();
      if (recording) {
        recording.sink.record(call);
        return;
      }
      const unshown = unshownWarning(warning);
      // The session adds its own full stop after the reason.
      if (unshown !== null) throw new LedgerError(unshown.replace(/\.$/, ''), { file });
    },
  };
  return {
    sink,
    open: () => unshownWarning(start().warning),
    close(endedAtMs) {
      const { recording, warning } = start();
      return recording ? recording.close(endedAtMs) : unshownWarning(warning);
    },
  };
}
