import { describe, expect, it } from 'vitest';
import { ZERO_USAGE } from '../../../src/core/usage/types';
import { FakeLedger, limits, monitor, USD } from './fixtures';

const NOW = Date.UTC(2026, 10, 23, 12, 0);
const ask = (words: number, maxOutputTokens = 0) => ({
  model: 'test-model',
  promptText: Array.from({ length: words }, () => 'w').join(' '),
  maxOutputTokens,
});

describe('BudgetMonitor.guard', () => {
  it('allows everything when no limit is set', () => {
    expect(monitor({}).guard(ask(10_000, 10_000))).toEqual({ action: 'allow' });
  });

  it('refuses in block mode with the estimate, the limit and how to raise it', () => {
    const m = monitor({ limits: limits({ session: 100_000_000n }), spent: { value: 50_000_000n } });
    // 40 prompt tokens + 10 output tokens = 40e6 + 20e6 = 60e6 pico > 50e6 left.
    const decision = m.guard(ask(40, 10));
    expect(decision.action).toBe('block');
    const message = decision.action === 'block' ? decision.message : '';
    expect(message).toContain('up to $0.00006 (40 prompt + 10 max output tokens on test-model)');
    expect(message).toContain('$0.00005 left ($0.00005 spent of $0.0001)');
    expect(message).toContain(
      '/budget <usd>, --budget <usd> or `chatmeter config set budget.sessionUsd <usd>`',
    );
  });

  it('prices the prompt as the session bills it when the request carries its usage', () => {
    const m = monitor({ limits: limits({ session: 100_000_000n }), spent: { value: 50_000_000n } });
    // Counted, the 40 words are 40 uncached tokens (60e6 pico with the output: over the 50e6
    // left); billed as the next-turn figure says, 10 uncached tokens cost 10e6 + 20e6 = 30e6.
    const promptUsage = { ...ZERO_USAGE, inputTokens: 10 };
    expect(m.guard({ ...ask(40, 10), promptUsage })).toEqual({ action: 'allow' });
    expect(m.guard(ask(40, 10)).action).toBe('block');
  });

  it('sends with a warning in warn mode', () => {
    const m = monitor({
      limits: limits({ session: 100_000_000n, onExceed: 'warn' }),
      spent: { value: 50_000_000n },
    });
    const decision = m.guard(ask(40, 10));
    expect(decision.action).toBe('warn');
    expect(decision.action === 'warn' && decision.message).toMatch(/sent anyway/);
  });

  it('explains a warn-mode overrun in full once, then in one short line per call', () => {
    const m = monitor({
      limits: limits({ session: 100_000_000n, onExceed: 'warn' }),
      spent: { value: 50_000_000n },
    });
    const first = m.guard(ask(40, 10));
    expect(first.action === 'warn' && first.message).toContain('Raise it with');
    expect(m.guard(ask(40, 10))).toEqual({
      action: 'warn',
      message:
        'Budget: this call could cost up to $0.00006 and the session budget has $0.00005 left; sent anyway.',
    });
  });

  it('allows a call that fits exactly', () => {
    const m = monitor({ limits: limits({ session: 110_000_000n }), spent: { value: 50_000_000n } });
    expect(m.guard(ask(40, 10))).toEqual({ action: 'allow' });
  });

  it('never refuses in a mock session: mock spend does not count', () => {
    const m = monitor({ mode: 'mock', limits: limits({ session: 0n }) });
    expect(m.guard(ask(40, 10))).toEqual({ action: 'allow' });
  });

  it('warns once per unpriced model, whose calls cannot be checked', () => {
    const m = monitor({ limits: limits({ session: 0n }) });
    const unpriced = { ...ask(40, 10), model: 'mystery-model' };
    const first = m.guard(unpriced);
    expect(first.action).toBe('warn');
    expect(first.action === 'warn' && first.message).toContain('mystery-model has no price');
    expect(m.guard(unpriced)).toEqual({ action: 'allow' });
  });

  it('hints only at the config for daily limits, and not at /budget in one-shot runs', () => {
    const daily = monitor({ limits: limits({ daily: 0n }) }).guard(ask(1));
    expect(daily.action === 'block' && daily.message).toContain(
      'Raise it with `chatmeter config set budget.dailyUsd <usd>`, or cap the reply with --max-tokens <n>.',
    );
    const oneShot = monitor({ limits: limits({ session: 0n }), context: 'one-shot' }).guard(ask(1));
    expect(oneShot.action === 'block' && oneShot.message).toContain(
      'Raise it with --budget <usd> or `chatmeter config set',
    );
  });
});

describe('BudgetMonitor spend', () => {
  it('adds earlier sessions of today and this month from the ledger to this session', () => {
    const ledger = new FakeLedger();
    ledger.calls.push(
      { sessionId: 'earlier', endedAtMs: NOW - 3_600_000, costPicoUsd: 2n * USD },
      { sessionId: 'earlier', endedAtMs: Date.UTC(2026, 10, 2), costPicoUsd: 5n * USD },
      { sessionId: 'last-month', endedAtMs: Date.UTC(2026, 9, 30), costPicoUsd: 50n * USD },
      { sessionId: 'this-session', endedAtMs: NOW - 1000, costPicoUsd: USD },
    );
    const m = monitor({
      ledger,
      utc: true,
      spent: { value: USD },
      limits: limits({ daily: 10n * USD, monthly: 100n * USD }),
    });
    expect(m.spend()).toEqual({ session: USD, daily: 3n * USD, monthly: 8n * USD });
  });

  it('does not ask the ledger for scopes without a limit', () => {
    const ledger = new FakeLedger();
    monitor({ ledger, limits: limits({ session: USD }) }).spend();
    expect(ledger.asked).toEqual([]);
  });

  it('counts this session only, with one notice, when the ledger cannot be read', () => {
    const m = monitor({
      ledger: {
        spentPicoUsd: () => {
          throw new Error('database is locked');
        },
      },
      spent: { value: USD },
      limits: limits({ daily: 10n * USD }),
    });
    const first = m.update();
    expect(first.state.tightest?.spentPicoUsd).toBe(USD);
    expect(first.notices).toEqual([expect.stringContaining('database is locked')]);
    expect(m.update().notices).toEqual([]);
  });
});

describe('BudgetMonitor notices', () => {
  it('tells each level once, the first time it is reached', () => {
    const spent = { value: 0n };
    const m = monitor({ spent, limits: limits({ session: 100n }) });
    expect(m.update().notices).toEqual([]);
    spent.value = 75n;
    expect(m.update().notices).toEqual([
      'Budget: the session budget is 75% used: <$0.000001 of <$0.000001 spent.',
    ]);
    expect(m.update().notices).toEqual([]);
    spent.value = 95n;
    expect(m.update().notices).toEqual([expect.stringContaining('nearly used up')]);
    spent.value = 100n;
    expect(m.update().notices).toEqual([expect.stringContaining('is used up')]);
    expect(m.update().notices).toEqual([]);
  });

  it('words a limit of 0 as no spending allowed, not as a budget used up', () => {
    const m = monitor({ limits: limits({ session: 0n }) });
    expect(m.update().notices).toEqual([
      'Budget: the session budget is $0, so no spending is allowed ($0.00 spent).',
    ]);
  });

  it('jumps straight to the highest level reached', () => {
    const m = monitor({ spent: { value: 200n }, limits: limits({ session: 100n }) });
    expect(m.update().notices).toEqual([expect.stringContaining('used up')]);
  });

  it('tells listeners about every update', () => {
    const m = monitor({ limits: limits({ session: USD }) });
    const seen: string[] = [];
    const stop = m.subscribe((update) => seen.push(update.state.tightest?.level ?? 'none'));
    m.update();
    stop();
    m.update();
    expect(seen).toEqual(['ok']);
  });

  it('starts over with a new session limit', () => {
    const m = monitor({ spent: { value: 80n * USD }, limits: limits({ session: 100n * USD }) });
    expect(m.update().notices).toHaveLength(1);
    const raised = m.setSessionLimit(1000n * USD);
    expect(raised.state.tightest?.level).toBe('ok');
    expect(m.setSessionLimit(85n * USD).notices).toEqual([
      'Budget: the session budget is nearly used up: $80.00 of $85.00 spent (94%).',
    ]);
    expect(m.limits.session).toBe(85n * USD);
    expect(m.setSessionLimit(null).state.scopes).toEqual([]);
  });
});

describe('BudgetMonitor ledger reads', () => {
  it('reads the ledger again on update and before each check, not on every state()', () => {
    const ledger = new FakeLedger();
    const m = monitor({ ledger, limits: limits({ daily: 10n * USD }) });
    m.state();
    m.state();
    expect(ledger.asked).toHaveLength(1);
    ledger.calls.push({ sessionId: 'other', endedAtMs: NOW - 1, costPicoUsd: 2n * USD });
    expect(m.state().tightest?.spentPicoUsd).toBe(0n);
    expect(m.update().state.tightest?.spentPicoUsd).toBe(2n * USD);
    m.guard(ask(1));
    expect(ledger.asked).toHaveLength(3);
  });
});
