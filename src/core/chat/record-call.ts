import { errorMessage } from '../errors';
import type { CallRecord, CallSink } from '../usage/types';
import type { ChatEvent } from './types';

/**
 * Hands an ended call to every sink in order (the ledger first, so it is stored before shown).
 * A sink that throws costs a warning notice, never the call: the others still record it.
 */
export function* recordInSinks(sinks: readonly CallSink[], call: CallRecord): Generator<ChatEvent> {
  for (const sink of sinks) {
    try {
      sink.record(call);
    } catch (sinkError) {
      const reason = errorMessage(sinkError);
      yield {
        type: 'notice',
        level: 'warn',
        message: `Could not record the call in the ${sink.name ?? 'usage sink'}: ${reason}. It still counts in this session's totals.`,
      };
    }
  }
}
