import { describe, expect, it } from 'vitest';
import type { Conversation, SavedMessage } from '../../../src/core/conversations/types';
import {
  conversationCost,
  conversationMarkdown,
  renderConversation,
} from '../../../src/reports/history/conversations';

function turn(provider: string, costPicoUsd: bigint, simulatedCostPicoUsd: bigint | null, seq: number) {
  const common = { provider, model: 'claude-sonnet-4-5', sessionId: 's', createdAtMs: 0 };
  const user: SavedMessage = {
    ...common,
    seq,
    role: 'user',
    content: `question ${seq}`,
    callId: null,
    promptTokens: null,
    outputTokens: null,
    costPicoUsd: null,
    simulatedCostPicoUsd: null,
    outcome: null,
    estimated: null,
  };
  const reply: SavedMessage = {
    ...common,
    seq: seq + 1,
    role: 'assistant',
    content: `answer ${seq}`,
    callId: `call-${seq}`,
    promptTokens: 1_049,
    outputTokens: 100,
    costPicoUsd,
    simulatedCostPicoUsd,
    outcome: 'ok',
    estimated: false,
  };
  return [user, reply];
}

/** A mock conversation continued on the real model: the store makes it `real` (store.test.ts). */
const mixed: Conversation = {
  id: 'a90c8204-603a-482c-8d7c-2a64818f0ce7',
  createdAtMs: 0,
  updatedAtMs: 0,
  mode: 'real',
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  turns: 2,
  // 18 input x $3 + 1,031 cache write x $3.75 + 100 output x $15 per 1M tokens.
  costPicoUsd: 5_420_250_000n,
  unpricedTurns: 0,
  simulatedCostPicoUsd: 1_383_000_000n,
  firstMessage: 'question 0',
  system: null,
  messages: [...turn('mock', 0n, 1_383_000_000n, 0), ...turn('anthropic', 5_420_250_000n, null, 2)],
};

describe('a conversation that mixes simulated and real replies', () => {
  it('is listed at its real cost', () => {
    expect(conversationCost(mixed)).toBe('$0.0054');
  });

  it('marks each reply by the provider that made it, in show and in the markdown export', () => {
    for (const text of [renderConversation(mixed), conversationMarkdown(mixed)]) {
      expect(text).toContain('claude-sonnet-4-5 · in 1,049 · out 100 · sim $0.0014');
      expect(text).toContain('claude-sonnet-4-5 · in 1,049 · out 100 · $0.0054');
    }
  });
});
