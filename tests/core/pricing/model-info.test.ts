import { describe, expect, it } from 'vitest';
import { describeModel } from '../../../src/core/pricing/model-info';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import type { PriceTable } from '../../../src/core/pricing/types';
import { ScriptedProvider, testSession } from '../chat/helpers';

/** The built-in table, counting how often a model id is resolved. */
function countingTable(): PriceTable & { resolved: string[] } {
  const table = builtinPriceTable(Date.parse('2026-12-05T00:00:00Z'));
  const resolved: string[] = [];
  return {
    ...table,
    resolve: (id) => {
      resolved.push(id);
      return table.resolve(id);
    },
    resolved,
  };
}

describe('what a chat knows about its model, resolved once', () => {
  it('gives the id sent, the price it is priced as, the context window and whether it is simulated', () => {
    const info = describeModel(builtinPriceTable(), 'claude-sonnet-4-20250514', 'anthropic', 'real');
    expect(info).toMatchObject({
      id: 'claude-sonnet-4-20250514',
      providerId: 'anthropic',
      contextWindowTokens: 200_000,
      simulated: false,
    });
    expect(info.price?.id).toBe('claude-sonnet-4-0');
    expect(describeModel(builtinPriceTable(), 'gpt-5.4', 'mock', 'mock').simulated).toBe(true);
    expect(describeModel(builtinPriceTable(), 'mock', 'mock', 'mock')).toMatchObject({
      price: undefined,
      contextWindowTokens: null,
      simulated: false,
    });
  });

  it('is worked out when the session starts and again only when the model changes', () => {
    const table = countingTable();
    const provider = new ScriptedProvider([], 'mock');
    const session = testSession(provider, { priceTable: table, mode: 'mock', model: 'gpt-5.4' });
    expect(session.modelInfo.contextWindowTokens).toBe(1_050_000);
    for (let i = 0; i < 5; i++) void session.modelInfo;
    expect(table.resolved).toEqual(['gpt-5.4']);
    expect(session.switchModel('claude-opus-4-7')).toMatchObject({ ok: true, priced: true });
    expect(session.modelInfo).toMatchObject({ id: 'claude-opus-4-7', simulated: true });
    expect(session.modelInfo.price?.rates.output).toBe(25_000_000n);
    expect(table.resolved).toEqual(['gpt-5.4', 'claude-opus-4-7']);
  });
});
