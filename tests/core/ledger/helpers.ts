import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallRecord } from '../../../src/core/usage/types';

let counter = 0;

/** A call record with sensible defaults; `overrides` replace any field. */
export function makeCall(overrides: Partial<CallRecord> = {}): CallRecord {
  counter += 1;
  const call: CallRecord = {
    callId: `call-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`,
    sessionId: 'session-1',
    provider: 'openai',
    model: 'gpt-4o',
    outcome: 'ok',
    usage: {
      inputTokens: 1200,
      cacheReadTokens: 300,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      outputTokens: 450,
      reasoningTokens: 0,
    },
    estimated: false,
    costPicoUsd: 7_250_000_000n,
    simulatedCostPicoUsd: null,
    cacheSavingsPicoUsd: 375_000_000n,
    latencyMs: 812,
    errorKind: null,
    endedAtMs: Date.UTC(2026, 10, 20, 12, 0, 0),
    costSource: 'list',
    providerCostPicoUsd: null,
    serviceTier: null,
    stopReason: null,
    ...overrides,
  };
  // A list-priced call's list figure is its cost unless the test says otherwise.
  return { listCostPicoUsd: call.costPicoUsd, ...call };
}

/** A fresh temporary folder and a function that removes it. */
export function tempDir(prefix = 'chatmeter-ledger-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
