import { describe, expect, it } from 'vitest';
import {
  type Conversation,
  NO_CALL_FIELDS,
  type SavedMessage,
} from '../../../src/core/conversations/types';
import { composeMessage } from '../../../src/core/files/attachment';
import {
  conversationCost,
  conversationJson,
  conversationMarkdown,
  renderConversation,
  renderConversationList,
} from '../../../src/reports/history/conversations';

function turn(provider: string, costPicoUsd: bigint, simulatedCostPicoUsd: bigint | null, seq: number) {
  const common = { provider, model: 'claude-sonnet-4-5', sessionId: 's', createdAtMs: 0 };
  const user: SavedMessage = {
    ...common,
    seq,
    role: 'user',
    content: `question ${seq}`,
    ...NO_CALL_FIELDS,
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
    stopReason: null,
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

describe('the list of conversations', () => {
  const many = [mixed, { ...mixed, id: '0bae2b66-3cb2-47ac-be5e-5554d849fd88', turns: 1, firstMessage: 'a much longer first message that will not fit in a narrow terminal at all' }];

  it('is one aligned table when the terminal is wide enough', () => {
    const lines = renderConversationList(many, { width: 120, numbered: true, hint: 'Pick one.' }).split('\n');
    expect(lines[0]).toMatch(/^# +id +updated +model +turns +cost +first message$/);
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
  });

  it('stacks each conversation on two lines that fit a 60-column terminal', () => {
    const text = renderConversationList(many, { width: 60, numbered: true, hint: 'Pick one.' });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(lines[0]).toBe('1  a90c8204  claude-sonnet-4-5  2 turns  $0.0054');
    expect(lines[1]).toMatch(/^ {3}\d{4}-\d\d-\d\d \d\d:\d\d {2}question 0$/);
    expect(lines[2]).toBe('2  0bae2b66  claude-sonnet-4-5  1 turn  $0.0054');
    expect(lines[3]).toMatch(/^ {3}\d{4}-\d\d-\d\d \d\d:\d\d {2}a much longer first message that .*\.\.\.$/);
    expect(lines.at(-1)).toBe('Pick one.');
  });
});

describe('the list of a conversation that began with a file attached', () => {
  it('shows the first message as the chat did: its text, then the file by name', () => {
    const file = { name: 'notes.md', text: 'Use:\n```sh\nls\n```\n', bytes: 19 };
    const withFile = { ...mixed, firstMessage: composeMessage('sum up', [file]) };
    const lines = renderConversationList([withFile], { width: 120 }).split('\n');
    expect(lines[2]).toMatch(/ {2}sum up \[\+ notes\.md\]$/);
  });
});

describe('the markdown export of a message with a file attached', () => {
  it('puts the file in a fenced block under its name, longer than any fence inside it', () => {
    const file = { name: 'notes.md', text: 'Use:\n```sh\nls\n```\n', bytes: 19 };
    const [user, reply] = turn('anthropic', 1n, null, 0);
    const conversation = { ...mixed, messages: [{ ...user!, content: composeMessage('sum up', [file]) }, reply!] };
    expect(conversationMarkdown(conversation)).toContain(
      '## You\n\nAttached `notes.md`:\n\n````\nUse:\n```sh\nls\n```\n````\n\nsum up\n\n## claude-sonnet-4-5',
    );
  });
});

describe('a saved reply the provider cut short', () => {
  it('is marked in show, the markdown export and the JSON export', () => {
    const [user, reply] = turn('anthropic', 1n, null, 0);
    const cut = { ...mixed, messages: [user!, { ...reply!, stopReason: 'max_tokens' }] };
    expect(renderConversation(cut)).toContain(' · cut: max tokens)');
    expect(conversationMarkdown(cut)).toContain(' · cut: max tokens_');
    expect(conversationJson(cut)).toMatchObject({ messages: [{}, { stopReason: 'max_tokens', cut: 'max_tokens' }] });
  });
});
