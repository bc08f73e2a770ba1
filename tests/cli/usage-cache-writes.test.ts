import { describe, expect, it } from 'vitest';
import { costOfCall } from '../../src/core/chat/call-outcome';
import { builtinPriceTable } from '../../src/core/pricing/table';
import { type Usage, ZERO_USAGE } from '../../src/core/usage/types';
import { makeCall } from '../core/usage/tracker-fixtures';
import { homeFolders, runCli, seedLedger } from './usage-helpers';

const home = homeFolders('chatmeter-usage-cache-writes-');
const table = builtinPriceTable();

/** A claude-sonnet-4-5 call priced as the chat prices it. */
function sonnetCall(sessionId: string, usage: Partial<Usage>) {
  const full = { ...ZERO_USAGE, ...usage };
  const cost = costOfCall(table, 'claude-sonnet-4-5', full, 'real');
  return makeCall({
    sessionId,
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    usage: full,
    ...cost,
  });
}

/**
 * Three turns with a 1-hour cache ($3 input, $0.30 read, $6 1-hour write per 1M tokens):
 * 4,150 tokens read save 4,150 x $2.70 = $0.011205; 2,300 written cost 2,300 x $3 = $0.0069
 * over the input rate; net $0.004305.
 */
function seeded(): string {
  const dir = home();
  seedLedger(dir, [
    {
      mode: 'real',
      calls: [
        sonnetCall('s-1', { inputTokens: 10, cacheWrite1hTokens: 2_000, outputTokens: 100 }),
        sonnetCall('s-1', {
          inputTokens: 10,
          cacheReadTokens: 2_000,
          cacheWrite1hTokens: 150,
          outputTokens: 100,
        }),
        sonnetCall('s-1', {
          inputTokens: 10,
          cacheReadTokens: 2_150,
          cacheWrite1hTokens: 150,
          outputTokens: 100,
        }),
      ],
    },
  ]);
  return dir;
}

describe('usage reports with cache writes', () => {
  it('usage cache gives what the writes cost over the input rate and the net, exactly', () => {
    const dir = seeded();
    const json = JSON.parse(runCli(dir, ['usage', 'cache', '--format', 'json']).stdout);
    expect(json.models[0]).toMatchObject({
      model: 'claude-sonnet-4-5',
      cacheSavingsUsd: '0.011205',
      cacheWritePremiumUsd: '0.0069',
      netCacheSavingsUsd: '0.004305',
    });
    const text = runCli(dir, ['usage', 'cache']).stdout;
    expect(text).toMatch(/writes cost +net/);
    expect(text).toContain(
      'Saved $0.011205; cache writes cost $0.0069 over the uncached input rate, so caching saved $0.004305 net.',
    );
  });

  it('usage show puts the same figures in the session note and its JSON', () => {
    const dir = seeded();
    const json = JSON.parse(runCli(dir, ['usage', 'show', 'last', '--format', 'json']).stdout);
    expect(json).toMatchObject({
      cacheSavingsUsd: '0.011205',
      cacheWritePremiumUsd: '0.0069',
      netCacheSavingsUsd: '0.004305',
    });
    const run = runCli(dir, ['usage', 'show', 'last']);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      'cache writes cost $0.0069 over the uncached input rate, so caching saved $0.004305 net',
    );
  });

  it('leaves out, and says so, calls recorded before the premium was kept', () => {
    const dir = home();
    // A call record without the figure is stored as not known, like a row from before it.
    seedLedger(dir, [
      {
        mode: 'real',
        calls: [
          makeCall({
            provider: 'anthropic',
            model: 'claude-sonnet-4-5',
            usage: { inputTokens: 10, cacheReadTokens: 1_000, cacheWrite5mTokens: 100 },
            cacheSavingsPicoUsd: 2_700_000_000n,
          }),
          sonnetCall('session-1', { inputTokens: 10, cacheWrite5mTokens: 1_000 }),
        ],
      },
    ]);
    const text = runCli(dir, ['usage', 'cache']).stdout;
    // 1,000 tokens written for 5 minutes: 1,000 x ($3.75 - $3) = $0.00075.
    expect(text).toContain(
      'cache writes cost $0.00075 over the uncached input rate, so caching saved $0.00195 net (1 call recorded before chatmeter kept this figure left out).',
    );
  });
});
