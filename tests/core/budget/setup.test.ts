import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BudgetUpdate } from '../../../src/core/budget/monitor';
import { setUpBudget } from '../../../src/core/budget/setup';
import { loadTokenEstimator } from '../../../src/core/tokens/estimate';
import { withDefaults } from '../../../src/core/config/settings';
import { openLedger } from '../../../src/core/ledger/ledger';
import { SessionUsageTracker } from '../../../src/core/usage/tracker';
import { type CallRecord, ZERO_USAGE } from '../../../src/core/usage/types';
import { table, USD } from './fixtures';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'chatmeter-budget-setup-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function call(sessionId: string, costPicoUsd: bigint, endedAtMs = Date.now()): CallRecord {
  return {
    callId: `c-${Math.random()}`,
    sessionId,
    provider: 'openai',
    model: 'test-model',
    outcome: 'ok',
    usage: { ...ZERO_USAGE, inputTokens: 5, outputTokens: 5 },
    estimated: false,
    costPicoUsd,
    simulatedCostPicoUsd: null,
    cacheSavingsPicoUsd: 0n,
    latencyMs: 1,
    errorKind: null,
    endedAtMs,
  };
}

function setup(budget: object, extra: { sessionBudgetUsd?: string; mode?: 'real' | 'mock' } = {}) {
  const tracker = new SessionUsageTracker({
    sessionId: 'now',
    startedAtMs: Date.now(),
    mode: extra.mode ?? 'real',
  });
  let loads = 0;
  const promise = setUpBudget({
    settings: withDefaults({ budget }).budget,
    sessionBudgetUsd: extra.sessionBudgetUsd,
    sessionId: 'now',
    mode: extra.mode ?? 'real',
    tracker,
    priceTable: table,
    ledgerFile: join(home, 'usage.db'),
    chatmeterVersion: 'test',
    context: 'interactive',
    estimator: () => {
      loads++;
      return loadTokenEstimator();
    },
  });
  return { tracker, promise, loads: () => loads };
}

describe('setUpBudget', () => {
  it('counts spend recorded in the ledger earlier today against the daily budget', async () => {
    const ledger = openLedger(join(home, 'usage.db'), { chatmeterVersion: 'test' });
    ledger.startSession('earlier', 'real', Date.now() - 2000);
    ledger.recordCall(call('earlier', 4n * USD, Date.now() - 1000), false);
    ledger.close();
    const { tracker, promise } = setup({ dailyUsd: 5 });
    const { monitor, close } = await promise;
    const updates: BudgetUpdate[] = [];
    monitor.subscribe((update) => updates.push(update));
    expect(monitor.state().tightest).toMatchObject({ scope: 'daily', level: 'warn' });
    tracker.record(call('now', USD));
    expect(updates.at(-1)?.state.tightest).toMatchObject({ spentPicoUsd: 5n * USD, level: 'over' });
    expect(updates.at(-1)?.notices).toEqual([expect.stringContaining('daily budget is used up')]);
    close();
  });

  it('lets --budget override budget.sessionUsd', async () => {
    const { monitor, close } = await setup({ sessionUsd: 5 }, { sessionBudgetUsd: '0.25' }).promise;
    expect(monitor.limits.session).toBe(USD / 4n);
    close();
  });

  it('loads the tokenizer up front only when a limit is set in a real session', async () => {
    const none = setup({});
    (await none.promise).close();
    expect(none.loads()).toBe(0);
    const mock = setup({ sessionUsd: 1 }, { mode: 'mock' });
    (await mock.promise).close();
    expect(mock.loads()).toBe(0);
    const limited = setup({ sessionUsd: 1 });
    const { monitor, close } = await limited.promise;
    expect(limited.loads()).toBe(1);
    // "hello world" is 2 o200k tokens: 2 x 1e6 pico at $1/1M input.
    const decision = monitor.guard({
      model: 'test-model',
      promptText: 'hello world',
      maxOutputTokens: 0,
    });
    expect(decision).toEqual({ action: 'allow' });
    close();
  });

  it('counts bytes, a safe upper bound, until the tokenizer is loaded for a limit set later', async () => {
    const { monitor, close } = await setup({ onExceed: 'block' }).promise;
    monitor.setSessionLimit(10_000_000n); // $0.00001: 10 tokens at $1/1M
    const prompt = 'hello world'; // 11 bytes, 2 tokens
    expect(
      monitor.guard({ model: 'test-model', promptText: prompt, maxOutputTokens: 0 }).action,
    ).toBe('block');
    await expect
      .poll(
        () => monitor.guard({ model: 'test-model', promptText: prompt, maxOutputTokens: 0 }).action,
      )
      .toBe('allow');
    close();
  });

  it('creates no ledger file when there is none', async () => {
    const { close } = await setup({ dailyUsd: 1, monthlyUsd: 10 }).promise;
    close();
    expect(existsSync(join(home, 'usage.db'))).toBe(false);
  });
});
