import { describe, expect, it } from 'vitest';
import { oneShotJson, oneShotUsageLine } from '../../src/cli/oneshot-format';
import { differencePercent } from '../../src/reports/prices/provider-cost';
import { summaryNotes } from '../../src/reports/session/summary-notes';
import { makeCall } from '../core/usage/tracker-fixtures';
import { summaryOf } from './session-summary-fixtures';

const usage = { inputTokens: 181, cacheReadTokens: 0, outputTokens: 27 };

/** A call costed at the provider's charge, with `list` as our list figure. */
function providerCall(providerPico: bigint, list: bigint | null) {
  return makeCall({
    model: 'grok-4',
    usage,
    costPicoUsd: providerPico,
    costSource: 'provider',
    providerCostPicoUsd: providerPico,
    listCostPicoUsd: list,
  });
}

describe("the provider's cost in the one-shot output", () => {
  it.each([
    ['agrees with the list price', providerCall(3_775_600_000n, 3_770_000_000n), "$0.0038 (provider's)"],
    ['has no list price', providerCall(3_775_600_000n, null), "$0.0038 (provider's)"],
    [
      'differs from the list price by more than 1%',
      providerCall(3_775_600_000n, 3_500_000_000n),
      "$0.0038 (provider's; list $0.0035, +7.9%)",
    ],
  ])('marks a charge that %s', (_name, call, cost) => {
    expect(oneShotUsageLine(call, 'real').split(' · ')).toContain(cost);
  });

  it('leaves a list-priced call unmarked', () => {
    const call = makeCall({ usage, costPicoUsd: 3_500_000_000n });
    expect(oneShotUsageLine(call, 'real').split(' · ')).toContain('$0.0035');
  });

  it('says in --json which figure it used', () => {
    const json = oneShotJson(providerCall(3_775_600_000n, 3_500_000_000n), 'ok', null, 'real');
    expect(json).toMatchObject({
      costUsd: '0.0037756',
      costSource: 'provider',
      listCostUsd: '0.0035',
      providerCostUsd: '0.0037756',
    });
  });
});

describe("the provider's cost in the session notes", () => {
  it('notes the calls at the provider charge, warning when the list price is more than 1% off', () => {
    const calls = [
      providerCall(3_775_600_000n, 3_500_000_000n),
      makeCall({ usage, costPicoUsd: 1_000_000_000n }),
    ];
    const note = summaryNotes(summaryOf(calls)).find((n) => n.text.includes('provider reported'));
    expect(note).toEqual({
      level: 'warn',
      text: '1 of 2 calls at the cost the provider reported ($0.0038); the list price for them is $0.0035, +7.9%',
    });
  });

  it('says when the charges agree with the list price, and when there is none', () => {
    const agree = summaryNotes(summaryOf([providerCall(1_000n, 1_000n)]));
    expect(agree.map((n) => n.text)).toContain(
      'All 1 call at the cost the provider reported (<$0.000001), within 1% of the list price',
    );
    const unlisted = summaryNotes(summaryOf([providerCall(2_000_000n, null)]));
    expect(unlisted.map((n) => n.text)).toContain(
      'All 1 call at the cost the provider reported ($0.000002); no list price for them',
    );
  });
});

describe('differencePercent', () => {
  it.each([
    [1000n, 880n, '-12.0%'],
    [3_500_000_000n, 3_775_600_000n, '+7.9%'],
    [27n, 30n, '+11.1%'],
    [1000n, 1000n, '+0.0%'],
  ])('list %s, provider %s: %s', (list, provider, text) => {
    expect(differencePercent(list, provider)).toBe(text);
  });
});
