import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChat } from '../../src/cli/chat';
import type { Io } from '../../src/cli/io';
import type { ChatOptions } from '../../src/cli/options';
import { chooseProvider, MOCK_FALLBACK_NOTICE } from '../../src/cli/services';

const defaults: ChatOptions = { stream: true, ledger: true, color: false, api: 'chat' };

describe('chat routing', () => {
  it('refuses the interactive chat with exit 2 when stdout is not a terminal', async () => {
    let stderr = '';
    const io: Io = {
      stdout: { write: () => true, isTTY: false },
      stderr: { write: (chunk: string) => (stderr += chunk) },
      stdin: Object.assign(new PassThrough(), { isTTY: true }),
      env: {},
    };
    expect(await runChat(defaults, io)).toBe(2);
    expect(stderr).toBe(
      'chatmeter: the interactive chat needs a terminal on stdout; pass -p "text" (or pipe text on stdin) for one-shot mode.\n',
    );
  });
});

describe('chooseProvider', () => {
  it.each([
    [{ mock: true }, {}, { mode: 'mock', model: 'mock' }],
    [
      { mock: true, model: 'claude-haiku-4-5' },
      { ANTHROPIC_API_KEY: 'k' },
      { mode: 'mock', model: 'claude-haiku-4-5' },
    ],
    [{ provider: 'mock' as const }, { OPENAI_API_KEY: 'k' }, { mode: 'mock', model: 'mock' }],
    [{ model: 'gpt-5' }, {}, { mode: 'real', model: 'gpt-5', provider: 'openai' }],
    [
      { model: 'llama3', provider: 'openai' as const },
      {},
      { mode: 'real', model: 'llama3', provider: 'openai' },
    ],
    // OpenRouter: its Claude ids go through its OpenAI-compatible API when --provider says so.
    [
      { model: 'anthropic/claude-sonnet-4.5', provider: 'openai' as const, baseUrl: 'http://127.0.0.1:9/v1' },
      {},
      { mode: 'real', model: 'anthropic/claude-sonnet-4.5', provider: 'openai' },
    ],
    [
      { model: 'claude-sonnet-4-5', provider: 'openai' as const },
      { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
      { mode: 'real', model: 'claude-sonnet-4-5', provider: 'openai' },
    ],
    [{}, { OPENAI_API_KEY: 'k' }, { mode: 'real', model: 'gpt-5-mini', provider: 'openai' }],
    [
      {},
      { ANTHROPIC_API_KEY: 'k' },
      { mode: 'real', model: 'claude-haiku-4-5', provider: 'anthropic' },
    ],
    [
      {},
      { OPENAI_API_KEY: '  ' },
      { mode: 'mock', model: 'mock', notices: [MOCK_FALLBACK_NOTICE] },
    ],
  ])('%j with env %j -> %j', (options, env, expected) => {
    expect(chooseProvider({ ...defaults, ...options }, env)).toMatchObject(expected);
  });
});
