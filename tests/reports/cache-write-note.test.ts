import { describe, expect, it } from 'vitest';
import { costOfCall } from '../../src/core/chat/call-outcome';
import { builtinPriceTable } from '../../src/core/pricing/table';
import type { Usage } from '../../src/core/usage/types';
import { ZERO_USAGE } from '../../src/core/usage/types';
import { summaryNotes } from '../../src/reports/session/summary-notes';
import { makeCall } from '../core/usage/tracker-fixtures';
import { summaryOf } from './session-summary-fixtures';

const table = builtinPriceTable();

/** A claude-sonnet-4-5 call priced by the price layer, as the chat records it. */
function sonnetCall(usage: Partial<Usage>, mode: 'real' | 'mock' = 'real') {
  const full = { ...ZERO_USAGE, ...usage };
  const cost = costOfCall(table, 'claude-sonnet-4-5', full, mode);
  return makeCall({ provider: 'anthropic', model: 'claude-sonnet-4-5', usage: full, ...cost });
}

/**
 * Three turns with `--cache 1h`: the prefix written on turn 1, read and extended on 2 and 3.
 * By hand, at $3 input, $0.30 cache read, $6 1-hour write per 1M tokens:
 * reads 2,000 + 2,150 = 4,150 tokens x $2.70 = $0.011205 saved;
 * writes 2,000 + 150 + 150 = 2,300 tokens x $3.00 = $0.0069 over the input rate;
 * net $0.004305 = (30 + 4,150 + 2,300) x $3 (no cache, $0.01944 + output) minus the cached
 * prompt ($0.00009 + $0.001245 + $0.0138).
 */
const turns = [
  { inputTokens: 10, cacheWrite1hTokens: 2_000, outputTokens: 100 },
  { inputTokens: 10, cacheReadTokens: 2_000, cacheWrite1hTokens: 150, outputTokens: 100 },
  { inputTokens: 10, cacheReadTokens: 2_150, cacheWrite1hTokens: 150, outputTokens: 100 },
];

describe('the cache note with cache writes', () => {
  it('adds what the writes cost over the input rate and the net, exactly', () => {
    const summary = summaryOf(turns.map((usage) => sonnetCall(usage)));
    expect(summary.totals.cacheWritePremiumPicoUsd).toBe(6_900_000_000n);
    expect(summaryNotes(summary)[0]?.text).toBe(
      'Cache saved $0.011205 (64% of prompt tokens read from cache); cache writes cost $0.0069 ' +
        'over the uncached input rate, so caching saved $0.004305 net',
    );
  });

  it('says when the writes cost more than the reads saved', () => {
    const summary = summaryOf([sonnetCall(turns[0]!)]);
    expect(summaryNotes(summary)[0]?.text).toBe(
      'Cache saved $0 (0% of prompt tokens read from cache); cache writes cost $0.006 over the ' +
        'uncached input rate, so caching cost $0.006 more than no cache',
    );
  });

  it('marks the figures simulated in mock mode', () => {
    const summary = summaryOf(
      turns.map((usage) => sonnetCall(usage, 'mock')),
      'mock',
    );
    expect(summaryNotes(summary)[0]?.text).toMatch(
      /^Cache saved \$0\.011205 \(simulated; 64% .*so caching saved \$0\.004305 net$/,
    );
  });

  it('keeps the plain note when nothing was written to the cache', () => {
    const summary = summaryOf([sonnetCall({ inputTokens: 10, cacheReadTokens: 1_000 })]);
    expect(summaryNotes(summary)[0]?.text).toBe(
      'Cache saved $0.0027 (99% of prompt tokens read from cache)',
    );
  });
});
