import { describe, expect, it } from 'vitest';
import { withResumedSettings } from '../../src/cli/conversation-setup';
import type { ChatOptions } from '../../src/cli/options';
import type { Conversation } from '../../src/core/conversations/types';

const base: ChatOptions = { api: 'chat', stream: true, ledger: true, color: true };

function saved(mode: 'real' | 'mock', provider: string, model: string): Conversation {
  return {
    id: 'c1',
    createdAtMs: 0,
    updatedAtMs: 0,
    mode,
    provider,
    model,
    turns: 1,
    costPicoUsd: 0n,
    unpricedTurns: 0,
    simulatedCostPicoUsd: null,
    firstMessage: 'hi',
    system: 'be brief',
    messages: [],
  };
}

describe('the settings a resumed conversation brings', () => {
  it.each([
    ['its model and provider', {}, saved('real', 'anthropic', 'claude-sonnet-4-5'), { model: 'claude-sonnet-4-5', provider: 'anthropic', mock: undefined }],
    ['mock mode for a mock conversation', {}, saved('mock', 'mock', 'gpt-4o'), { model: 'gpt-4o', mock: true, provider: undefined }],
    ['mock mode when its last turn was simulated', {}, saved('real', 'mock', 'claude-sonnet-4-5'), { model: 'claude-sonnet-4-5', mock: true, provider: undefined }],
    ['its real provider when a real model answered last in a mock conversation', {}, saved('real', 'anthropic', 'claude-sonnet-4-5'), { model: 'claude-sonnet-4-5', provider: 'anthropic', mock: undefined }],
    ['its model simulated under --mock', { mock: true }, saved('real', 'openai', 'gpt-4o'), { model: 'gpt-4o', mock: true, provider: undefined }],
    ['--model over its model', { model: 'gpt-5-mini' }, saved('real', 'anthropic', 'claude-sonnet-4-5'), { model: 'gpt-5-mini', provider: undefined, mock: undefined }],
    ['--provider over its model', { provider: 'openai' as const }, saved('real', 'anthropic', 'claude-sonnet-4-5'), { model: undefined, provider: 'openai', mock: undefined }],
  ])('takes %s', (_name, flags, conversation, expected) => {
    const result = withResumedSettings({ ...base, ...flags }, conversation);
    expect({ model: result.model, provider: result.provider, mock: result.mock }).toEqual(expected);
  });

  it('keeps its system prompt unless --system gives one', () => {
    const conversation = saved('real', 'openai', 'gpt-4o');
    expect(withResumedSettings(base, conversation).system).toBe('be brief');
    expect(withResumedSettings({ ...base, system: 'new' }, conversation).system).toBe('new');
  });
});
