import { describe, expect, it } from 'vitest';
import { makeCall } from '../core/ledger/helpers';
import { homeFolders, runCli, seedLedger } from './usage-helpers';

const home = homeFolders('chatmeter-mock-labels-');

describe('usage --by model --include-mock', () => {
  it('labels every mock row the same way, and prices them as the session summary does', () => {
    const dir = home();
    const mock = (model: string, simulatedCostPicoUsd: bigint | null) =>
      makeCall({ sessionId: 'm', provider: 'mock', model, costPicoUsd: 0n, simulatedCostPicoUsd });
    seedLedger(dir, [
      { mode: 'real', calls: [makeCall({ sessionId: 'r', model: 'gpt-4o' })] },
      {
        mode: 'mock',
        calls: [mock('gpt-4o', 7_000_000_000n), mock('gpt-5-mini', 1_000_000_000n), mock('mock', null), mock('my-local', null)],
      },
    ]);
    const run = runCli(dir, ['usage', '--by', 'model', '--include-mock', '--period', 'all']);
    expect(run.code).toBe(0);
    const rows = run.stdout.split('\n').filter((line) => /^\S+( \(mock\))?\s+1\s/.test(line));
    expect(rows.map((line) => line.split(/\s{2,}/)[0])).toEqual([
      'gpt-4o',
      'gpt-4o (mock)',
      'gpt-5-mini (mock)',
      'mock',
      'my-local (mock)',
    ]);
    expect(rows.find((line) => line.startsWith('mock '))).toMatch(/\$0 \(mock\)$/);
    expect(rows.find((line) => line.startsWith('my-local'))).toMatch(/\$0 \(mock, unpriced\)$/);
  });
});
