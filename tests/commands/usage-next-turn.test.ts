import { describe, expect, it } from 'vitest';
import { usageCommand } from '../../src/commands/usage';
import { nextTurnLine } from '../../src/reports/session/next-turn-line';
import { ZERO_USAGE } from '../../src/core/usage/types';
import { commandContext } from './context';

const figure = {
  promptTokens: 12_345,
  usage: { ...ZERO_USAGE, cacheReadTokens: 12_000, cacheWrite5mTokens: 345 },
  costPicoUsd: 4_893_750_000n,
  contextWindowTokens: 200_000,
  estimated: false,
};

describe('/usage', () => {
  it('ends with what the next message costs at least and how full the context is', async () => {
    const context = commandContext();
    context.session.next = figure;
    const result = await usageCommand.run('', context);
    const last = result.kind === 'text' ? result.text.split('\n').at(-1) : '';
    expect(last).toBe(
      'Next message would cost (simulated) at least $0.0049: resends 12,345 tokens (12,000 read from cache, 345 written to it); context 6.2% of 200,000',
    );
  });

  it('says nothing of the next message while the conversation is being counted', async () => {
    const result = await usageCommand.run('', commandContext());
    expect(result.kind === 'text' && result.text).not.toContain('Next message');
  });

  it.each([
    [false, 'claude-unknown-9', 'Next message is unpriced: resends 59 tokens'],
    [true, 'claude-unknown-9', 'Next message has no simulated price: resends 59 tokens'],
    [true, 'mock', 'Next message costs nothing (mock): resends 59 tokens'],
  ])('says plainly when the model has no price (mock %s, %s)', (mock, model, line) => {
    const unpriced = {
      promptTokens: 59,
      usage: { ...ZERO_USAGE, inputTokens: 59 },
      costPicoUsd: null,
      contextWindowTokens: null,
      estimated: false,
    };
    expect(nextTurnLine(unpriced, mock, model)).toBe(line);
  });
});
