import type { CallRecord, CallSink } from '../usage/types';
import { LedgerError } from './errors';
import { type LedgerRecording, type StartRecordingOptions, startLedgerRecording } from './recording';

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
