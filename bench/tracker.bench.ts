import { SessionUsageTracker } from '../src/core/usage/tracker';
import type { CallRecord } from '../src/core/usage/types';
import { medianTimeMs } from './measure';
import type { Bench, BenchModule } from './types';

const RECORDS = 1_000_000;
const MODELS = 50;
const SNAPSHOTS = 2_000;
/** Timed runs of each measurement (the median is reported). */
const TIMED_RUNS = 5;

/** Distinct call records spread over `models` models, made before timing starts. */
function makeCalls(count: number, models: number): CallRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    callId: `call-${i}`,
    sessionId: 'bench',
    provider: (i % models) % 3 === 0 ? 'anthropic' : 'openai',
    model: `model-${i % models}`,
    outcome: i % 50 === 0 ? 'failed' : i % 37 === 0 ? 'aborted' : 'ok',
    usage: {
      inputTokens: 1_000 + (i % 997),
      cacheReadTokens: i % 4 === 0 ? 2_048 : 0,
      cacheWrite5mTokens: i % 11 === 0 ? 512 : 0,
      cacheWrite1hTokens: 0,
      outputTokens: 300 + (i % 211),
      reasoningTokens: i % 5 === 0 ? 128 : 0,
    },
    estimated: i % 37 === 0,
    costPicoUsd: i % 13 === 0 ? null : BigInt(1_250_000_000 + i),
    simulatedCostPicoUsd: null,
    cacheSavingsPicoUsd: i % 4 === 0 ? 230_400_000n : 0n,
    latencyMs: 800,
    errorKind: null,
    endedAtMs: 1_700_000_000_000 + i,
  }));
}

function newTracker(): SessionUsageTracker {
  return new SessionUsageTracker({ sessionId: 'bench', startedAtMs: 0, mode: 'real' });
}

const bench: Bench = async () => {
  const calls = makeCalls(RECORDS, MODELS);
  const recordMs = medianTimeMs(() => {
    const tracker = newTracker();
    for (const call of calls) tracker.record(call);
    if (tracker.snapshot().totals.calls.ok === 0) throw new Error('tracker recorded nothing');
  }, TIMED_RUNS);
  const callsPerSecond = RECORDS / (recordMs / 1000);

  // Snapshot with 50 models, cold each time: one record before every snapshot.
  const tracker = newTracker();
  for (const call of calls.slice(0, MODELS * 10)) tracker.record(call);
  if (tracker.snapshot().models.length !== MODELS) throw new Error('expected 50 models');
  const extra = calls.slice(0, SNAPSHOTS);
  const snapshotLoopMs = medianTimeMs(() => {
    for (const call of extra) {
      tracker.record(call);
      tracker.snapshot();
    }
  }, TIMED_RUNS);
  const recordOnlyMs = medianTimeMs(() => {
    for (const call of extra) tracker.record(call);
  }, TIMED_RUNS);
  const snapshotUs = (Math.max(0, snapshotLoopMs - recordOnlyMs) / SNAPSHOTS) * 1000;

  // Every model changed since the last snapshot: all 50 model views are rebuilt.
  const everyModel = calls.slice(0, MODELS);
  const rounds = SNAPSHOTS / 10;
  const allColdLoopMs = medianTimeMs(() => {
    for (let r = 0; r < rounds; r++) {
      for (const call of everyModel) tracker.record(call);
      tracker.snapshot();
    }
  }, TIMED_RUNS);
  const allColdRecordMs = medianTimeMs(() => {
    for (let r = 0; r < rounds; r++) for (const call of everyModel) tracker.record(call);
  }, TIMED_RUNS);
  const allColdUs = (Math.max(0, allColdLoopMs - allColdRecordMs) / rounds) * 1000;

  return [
    {
      section: 'tracker',
      metric: `record() x ${RECORDS.toLocaleString('en-US')} (calls/s, median of ${TIMED_RUNS})`,
      value: Math.round(callsPerSecond).toLocaleString('en-US'),
      target: '>= 1,000,000/s',
      ok: callsPerSecond >= 1_000_000,
    },
    {
      section: 'tracker',
      metric: `snapshot() with ${MODELS} models after one record (µs)`,
      value: snapshotUs.toFixed(2),
    },
    {
      section: 'tracker',
      metric: `snapshot() with ${MODELS} models, all changed (µs)`,
      value: allColdUs.toFixed(2),
    },
  ];
};
export default [{ name: 'tracker', run: bench }] satisfies BenchModule;
