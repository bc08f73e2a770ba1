import { exactFraction } from '../../../src/core/budget/levels';
import { BudgetMonitor, type SpendSource } from '../../../src/core/budget/monitor';
import type { TimeRange } from '../../../src/core/budget/periods';
import type { BudgetLimits } from '../../../src/core/budget/state';
import { loadPriceTable } from '../../../src/core/pricing/table';

/** One pico-USD per token at $1 per 1M: `test-model` costs $1 in / $2 out per 1M, tier above 1,000. */
export const table = await loadPriceTable({
  overrides: {
    models: {
      'test-model': {
        provider: 'openai',
        input: 1,
        output: 2,
        tiers: [{ above: 1000, input: 3, output: 6 }],
      },
    },
  },
});

/** $1 in pico-USD. */
export const USD = 1_000_000_000_000n;

/** Limits with the default fractions. */
export function limits(overrides: Partial<BudgetLimits> = {}): BudgetLimits {
  return {
    session: null,
    daily: null,
    monthly: null,
    thresholds: { warnAt: exactFraction(0.75), alertAt: exactFraction(0.9) },
    onExceed: 'block',
    ...overrides,
  };
}

/** Earlier calls as the ledger would hold them: real spend by session and end time. */
export class FakeLedger implements SpendSource {
  readonly calls: { sessionId: string; endedAtMs: number; costPicoUsd: bigint }[] = [];
  readonly asked: TimeRange[] = [];

  spentPicoUsd(range: TimeRange, excludeSessionId: string): bigint {
    this.asked.push(range);
    return this.calls
      .filter((c) => c.sessionId !== excludeSessionId)
      .filter((c) => c.endedAtMs >= range.fromMs && c.endedAtMs < range.toMs)
      .reduce((sum, c) => sum + c.costPicoUsd, 0n);
  }
}

/** A monitor over `test-model` with counted words as tokens and a settable session spend. */
export function monitor(
  options: Partial<ConstructorParameters<typeof BudgetMonitor>[0]> & { spent?: { value: bigint } },
) {
  const spent = options.spent ?? { value: 0n };
  return new BudgetMonitor({
    sessionId: 'this-session',
    limits: limits(),
    mode: 'real',
    sessionSpentPicoUsd: () => spent.value,
    ledger: null,
    priceOf: (model) => table.resolve(model),
    countTokens: (text) => text.split(/\s+/).filter(Boolean).length,
    context: 'interactive',
    nowMs: () => Date.UTC(2026, 10, 23, 12, 0),
    ...options,
  });
}
