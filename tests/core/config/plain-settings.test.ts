import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainSettingsFile } from '../../../src/core/config/plain-settings';
import { settingsFileSchema } from '../../../src/core/config/schema';

/** Values of every kind a hand-edited config file may hold, valid or not for a given key. */
const anyValue = fc.oneof(
  fc.boolean(),
  fc.constantFrom(0, -0, 1, 5, 0.25, 0.75, 0.9, 1.5, -1, 1e-13, 0.1 + 0.2, 2 ** 53, 1e21, 120),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.constantFrom('openai', 'mock', 'flex', 'warn', 'block', 'gpt-4o', '', 'x'),
  fc.constant(null),
  fc.constant([]),
);

/** Mostly a value of the right kind, sometimes anything. */
const mostly = <T,>(right: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: right, weight: 4 }, { arbitrary: anyValue, weight: 1 });

const amount = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.constantFrom(0.25, 12.5, 1e-12, 1e-13, 0.1 + 0.2, 1e21),
  fc.double({ min: 0, max: 100, noNaN: true }),
);
const share = fc.oneof(fc.constantFrom(0.5, 0.75, 0.9, 1), fc.double({ min: 0, max: 1.2, noNaN: true }));

const budget = fc.record(
  {
    sessionUsd: mostly(amount),
    dailyUsd: mostly(amount),
    monthlyUsd: mostly(amount),
    warnAt: mostly(share),
    alertAt: mostly(share),
    onExceed: mostly(fc.constantFrom('warn', 'block')),
  },
  { requiredKeys: [] },
);

const configFile = fc.record(
  {
    defaultProvider: mostly(fc.constantFrom('openai', 'anthropic', 'mock')),
    system: mostly(fc.string()),
    maxTokens: mostly(fc.integer({ min: 1, max: 100_000 })),
    serviceTier: mostly(fc.constantFrom('auto', 'default', 'flex', 'priority')),
    timeoutSeconds: mostly(fc.integer({ min: 1, max: 600 })),
    mockDelayMs: mostly(fc.integer({ min: 0, max: 100 })),
    ledger: mostly(fc.boolean()),
    budget: mostly(budget),
    prices: mostly(fc.record({ autoUpdate: mostly(fc.boolean()) }, { requiredKeys: [] })),
    telemetry: mostly(fc.record({ enabled: mostly(fc.boolean()) }, { requiredKeys: [] })),
    defaultModel: fc.constantFrom('gpt-4o'),
  },
  { requiredKeys: [] },
);

describe('the quick config check', () => {
  it('accepts only what the schema accepts, and gives what the schema gives', () => {
    fc.assert(
      fc.property(configFile, (file) => {
        const plain = plainSettingsFile(file);
        if (plain === null) return;
        const parsed = settingsFileSchema.safeParse(file);
        expect(parsed.success).toBe(true);
        expect(plain).toEqual(parsed.data);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [{}],
    [{ budget: { dailyUsd: 5 } }],
    [{ budget: { monthlyUsd: 20.5, warnAt: 0.5, alertAt: 0.8, onExceed: 'block' }, ledger: false }],
    [{ defaultProvider: 'anthropic', maxTokens: 1024, prices: { autoUpdate: true } }],
  ])('accepts the ordinary file %j by itself', (file) => {
    expect(plainSettingsFile(file)).toEqual(file);
  });

  it.each([
    [{ budget: { dailyUsd: -1 } }],
    [{ budget: { dailyUsd: 1e-13 } }],
    [{ budget: { warnAt: 0.9, alertAt: 0.8 } }],
    [{ maxTokens: 1.5 }],
    [{ defaultModel: 'gpt-4o' }],
    [{ unknownKey: 1 }],
    [{ __internal__: {} }],
  ])('leaves %j to the schema', (file) => {
    expect(plainSettingsFile(file)).toBeNull();
  });
});
