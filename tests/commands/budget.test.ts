import { describe, expect, it } from 'vitest';
import { budgetCommand } from '../../src/commands/budget';
import { COMMANDS, runSlashCommand } from '../../src/commands/registry';
import type { CommandContext, CommandResult } from '../../src/commands/types';
import type { BudgetMonitor } from '../../src/core/budget/monitor';
import { describeModel } from '../../src/core/pricing/model-info';
import { SessionUsageTracker } from '../../src/core/usage/tracker';
import { limits, monitor, table, USD } from '../core/budget/fixtures';

function context(budget: BudgetMonitor | undefined, model = 'test-model'): CommandContext {
  return {
    session: {
      model,
      providerId: 'openai',
      modelInfo: describeModel(table, model, 'openai', 'real'),
      switchModel: () => ({ ok: false, message: 'not in this test' }),
      clear: () => undefined,
    },
    usage: new SessionUsageTracker({ sessionId: 's', startedAtMs: 0, mode: 'real' }),
    priceTable: table,
    mode: 'real',
    color: false,
    width: 100,
    commands: COMMANDS,
    budget,
  };
}

function text(result: CommandResult | null): string {
  if (result === null || result.kind === 'exit') throw new Error('expected text');
  return result.text;
}

describe('/budget', () => {
  it('is registered', async () => {
    const result = await runSlashCommand('/budget', context(monitor({})));
    expect(text(result)).toContain('No budget set');
  });

  it('shows spent, limit, left, level and the tokens the rest buys at the model rates', async () => {
    const m = monitor({
      spent: { value: USD / 4n },
      limits: limits({ session: USD, monthly: 100n * USD }),
    });
    const shown = text(await budgetCommand.run('', context(m)));
    expect(shown.split('\n').slice(0, 3)).toEqual([
      'budget      spent    limit    left  level    input tok   output tok',
      'session     $0.25    $1.00   $0.75  ok        ~750,000     ~375,000',
      'this month  $0.25  $100.00  $99.75  ok     ~99,750,000  ~49,875,000',
    ]);
    expect(shown).toContain("Tokens left at test-model's rates ($1.00 in / $2.00 out per 1M)");
    expect(shown).toContain('Over a limit: calls are refused (budget.onExceed).');
  });

  it('says the tokens cannot be told for an unpriced model', async () => {
    const m = monitor({ limits: limits({ session: USD }) });
    const shown = text(await budgetCommand.run('', context(m, 'mystery')));
    expect(shown).toContain('n/a');
    expect(shown).toContain('mystery has no price');
  });

  it("sets this session's budget", async () => {
    const m = monitor({ spent: { value: USD / 2n }, limits: limits() });
    const result = await budgetCommand.run('0.6', context(m));
    expect(result).toEqual({
      kind: 'notice',
      level: 'warn',
      text: 'Session budget set to $0.60; $0.10 left of it.',
    });
    expect(m.limits.session).toBe((USD * 6n) / 10n);
  });

  it('accepts a dollar sign and removes the budget with off', async () => {
    const m = monitor({ limits: limits() });
    await budgetCommand.run('$2', context(m));
    expect(m.limits.session).toBe(2n * USD);
    expect(await budgetCommand.run('off', context(m))).toMatchObject({
      text: 'Session budget removed.',
    });
    expect(m.limits.session).toBeNull();
  });

  it.each(['-1', 'lots', '1e3'])('refuses %s with a notice', async (amount) => {
    const result = await runSlashCommand(`/budget ${amount}`, context(monitor({})));
    expect(result).toMatchObject({ kind: 'notice', level: 'error' });
    expect(text(result)).toContain('expected an amount in USD');
  });

  it('says so when the session has no budgets', async () => {
    expect(await budgetCommand.run('', context(undefined))).toMatchObject({ level: 'warn' });
  });
});
