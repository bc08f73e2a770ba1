import { describe, expect, it } from 'vitest';
import { evaluateBudget, limitsFromSettings } from '../../../src/core/budget/state';
import { withDefaults } from '../../../src/core/config/settings';
import { limits, USD } from './fixtures';

describe('evaluateBudget', () => {
  it('reports only the scopes that have a limit', () => {
    const state = evaluateBudget(limits({ daily: 10n * USD }), {
      session: USD,
      daily: 2n * USD,
      monthly: 9n * USD,
    });
    expect(state.scopes.map((s) => s.scope)).toEqual(['daily']);
    expect(state.tightest).toMatchObject({
      scope: 'daily',
      spentPicoUsd: 2n * USD,
      remainingPicoUsd: 8n * USD,
      level: 'ok',
    });
  });

  it('has no tightest scope without limits', () => {
    expect(evaluateBudget(limits(), { session: 5n, daily: 5n, monthly: 5n }).tightest).toBeNull();
  });

  it('picks the most severe level as the tightest scope', () => {
    const state = evaluateBudget(limits({ session: 10n * USD, monthly: 100n * USD }), {
      session: 5n * USD,
      daily: 5n * USD,
      monthly: 91n * USD,
    });
    expect(state.tightest?.scope).toBe('monthly');
    expect(state.tightest?.level).toBe('alert');
  });

  it('breaks a tie of levels by the larger share spent', () => {
    const state = evaluateBudget(limits({ session: 10n * USD, daily: 100n * USD }), {
      session: 3n * USD,
      daily: 40n * USD,
      monthly: 0n,
    });
    expect(state.tightest?.scope).toBe('daily');
  });

  it('never reports negative money left', () => {
    const state = evaluateBudget(limits({ session: USD }), {
      session: 3n * USD,
      daily: 0n,
      monthly: 0n,
    });
    expect(state.tightest).toMatchObject({ remainingPicoUsd: 0n, level: 'over' });
  });
});

describe('limitsFromSettings', () => {
  it('converts USD settings to exact pico-USD', () => {
    const settings = withDefaults({ budget: { sessionUsd: 0.1, monthlyUsd: 1e6 } });
    const result = limitsFromSettings(settings.budget);
    expect(result.session).toBe(100_000_000_000n);
    expect(result.daily).toBeNull();
    expect(result.monthly).toBe(1_000_000n * USD);
    expect(result.onExceed).toBe('warn');
  });
});
