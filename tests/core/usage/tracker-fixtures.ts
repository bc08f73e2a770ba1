import type { CallRecord, Usage } from '../../../src/core/usage/types';
import { ZERO_USAGE } from '../../../src/core/usage/types';

let counter = 0;

/** A call record with sensible defaults; override what the test is about. */
export function makeCall(
  overrides: Partial<Omit<CallRecord, 'usage'>> & { usage?: Partial<Usage> } = {},
): CallRecord {
  counter++;
  const { usage, ...rest } = overrides;
  return {
    callId: `call-${counter}`,
    sessionId: 'session-1',
    provider: 'openai',
    model: 'gpt-5-mini',
    outcome: 'ok',
    estimated: false,
    costPicoUsd: 0n,
    simulatedCostPicoUsd: null,
    cacheSavingsPicoUsd: 0n,
    latencyMs: 100,
    errorKind: null,
    endedAtMs: 1_700_000_000_000 + counter,
    ...rest,
    usage: { ...ZERO_USAGE, ...usage },
  };
}
