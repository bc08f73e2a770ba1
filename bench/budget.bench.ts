import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerSpendSource } from '../src/core/budget/ledger-spend';
import { exactFraction } from '../src/core/budget/levels';
import { BudgetMonitor } from '../src/core/budget/monitor';
import { loadTokenEstimator } from '../src/core/tokens/estimate';
import { callRowValues, INSERT_CALL, openLedger } from '../src/core/ledger/ledger';
import { builtinPriceTable } from '../src/core/pricing/table';
import { type CallRecord, ZERO_USAGE } from '../src/core/usage/types';
import { medianProcessMs, medianTimeMs } from './measure';
import type { Bench, BenchModule, BenchRow } from './types';

const DAY_MS = 86_400_000;

/** `count` real and mock calls spread over the 60 days before `nowMs`, 50 per session. */
function fillLedger(file: string, count: number, nowMs: number): void {
  const ledger = openLedger(file, { chatmeterVersion: 'bench' });
  const insert = ledger.db.prepare(INSERT_CALL);
  ledger.db.exec('BEGIN');
  for (let i = 0; i < count; i++) {
    const mock = i % 10 === 0;
    const sessionId = `s-${Math.floor(i / 50)}`;
    const endedAtMs = nowMs - 60 * DAY_MS + Math.floor((i / count) * 60 * DAY_MS);
    if (i % 50 === 0) ledger.startSession(sessionId, mock ? 'mock' : 'real', endedAtMs);
    const call: CallRecord = {
      callId: `c-${i}`,
      sessionId,
      provider: mock ? 'mock' : 'openai',
      model: 'gpt-4o-mini',
      outcome: 'ok',
      usage: { ...ZERO_USAGE, inputTokens: 800, outputTokens: 300 },
      estimated: false,
      costPicoUsd: mock ? 0n : BigInt(300_000_000 + i),
      simulatedCostPicoUsd: mock ? 300_000_000n : null,
      cacheSavingsPicoUsd: 0n,
      latencyMs: 400,
      errorKind: null,
      endedAtMs,
    };
    insert.run(...callRowValues(call, mock));
  }
  ledger.db.exec('COMMIT');
  ledger.close();
}

/** Median wall time of 9 runs of a process with `home` as its chatmeter home, milliseconds. */
function processMs(node: string, args: string[], home: string): number {
  return medianProcessMs(node, args, { ...process.env, CHATMETER_HOME: home }, 9);
}

/**
 * Budget costs a user can feel: the ledger read behind daily and monthly budgets (after each
 * call and before each send), the pre-flight check of a long conversation, and the start-up of
 * `chatmeter config get`.
 */
const bench: Bench = async (ctx) => {
  const dir = mkdtempSync(join(tmpdir(), 'chatmeter-budget-bench-'));
  try {
    const rows: BenchRow[] = [];
    const nowMs = Date.now();
    const count = Number(process.env.CHATMETER_BENCH_BUDGET_CALLS ?? 200_000);
    const file = join(dir, 'usage.db');
    fillLedger(file, count, nowMs);
    const ledger = openLedger(file, { chatmeterVersion: 'bench' });
    const table = builtinPriceTable();
    const estimator = await loadTokenEstimator();
    const monitor = new BudgetMonitor({
      sessionId: 'bench-now',
      limits: {
        session: 1_000_000_000_000n,
        daily: 5_000_000_000_000n,
        monthly: 50_000_000_000_000n,
        thresholds: { warnAt: exactFraction(0.75), alertAt: exactFraction(0.9) },
        onExceed: 'block',
      },
      mode: 'real',
      sessionSpentPicoUsd: () => 0n,
      ledger: ledgerSpendSource(ledger.db),
      priceOf: (model) => table.resolve(model),
      countTokens: (text) => estimator.countTokens(text),
      context: 'interactive',
    });
    const updateMs = medianTimeMs(() => monitor.update(), 20);
    rows.push({
      section: 'budget',
      metric: `update: today + this month from a ${count.toLocaleString('en-US')}-call ledger (ms, median)`,
      value: updateMs.toFixed(2),
      target: '<= 50',
      ok: updateMs <= 50,
    });
    const stateMs = medianTimeMs(() => monitor.state(), 200);
    rows.push({
      section: 'budget',
      metric: 'state() between updates, per status-bar redraw (ms, median)',
      value: stateMs.toFixed(3),
      target: '<= 1',
      ok: stateMs <= 1,
    });
    const prompt = 'The quick brown fox jumps over the lazy dog. '.repeat(800);
    const promptTokens = estimator.countTokens(prompt);
    const guardMs = medianTimeMs(
      () => monitor.guard({ model: 'gpt-4o-mini', promptText: prompt, maxOutputTokens: 4096 }),
      20,
    );
    rows.push({
      section: 'budget',
      metric: `pre-flight check, ${promptTokens.toLocaleString('en-US')}-token conversation (ms, median)`,
      value: guardMs.toFixed(2),
      target: '<= 100',
      ok: guardMs <= 100,
    });
    ledger.close();
    const home = join(dir, 'home');
    const baseline = processMs(ctx.node, ['-e', '0'], home);
    const getMs = processMs(ctx.node, [ctx.cli, 'config', 'get', 'budget.dailyUsd'], home);
    rows.push({
      section: 'budget',
      metric: 'chatmeter config get / node -e 0',
      // No target: it loads zod to validate the file, like `models` and `cost` do for prices.
      value: `${(getMs / baseline).toFixed(2)}x (${getMs.toFixed(0)} ms)`,
    });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
export default [{ name: 'budget', run: bench }] satisfies BenchModule;
