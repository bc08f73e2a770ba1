import { describe, expect, it } from 'vitest';
import { createRealProvider, type RealProviderSettings } from '../../../src/core/providers/create';

describe('createRealProvider', () => {
  it('keeps the --base-url server for a model id that does not tell its provider', () => {
    const settings = {
      env: { OPENAI_API_KEY: 'k' },
      baseUrl: 'http://127.0.0.1:11434/v1',
      baseUrlProvider: 'openai' as const,
      api: 'chat' as const,
      stream: true,
    };
    expect(createRealProvider('llama3.1:8b', settings).id).toBe('openai');
    expect(() => createRealProvider('llama3.1:8b', { ...settings, baseUrl: undefined })).toThrow(
      /Cannot tell which provider serves "llama3\.1:8b"/,
    );
    expect(() => createRealProvider('claude-haiku-4-5', settings)).toThrow(
      'Set ANTHROPIC_API_KEY to use claude-haiku-4-5, or run with --mock.',
    );
  });

  it('keeps an OPENAI_BASE_URL server the same way as --base-url', () => {
    const settings: RealProviderSettings = {
      env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' },
      baseUrlProvider: 'openai',
      api: 'chat',
      stream: true,
    };
    expect(createRealProvider('llama3.1:8b', settings).id).toBe('openai');
    expect(() =>
      createRealProvider('llama3.1:8b', { ...settings, env: { OPENAI_API_KEY: 'k' } }),
    ).toThrow(/Cannot tell which provider serves "llama3\.1:8b"/);
    expect(() =>
      createRealProvider('llama3.1:8b', {
        ...settings,
        env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: '  ' },
      }),
    ).toThrow(/Cannot tell which provider serves "llama3\.1:8b"/);
  });

  it('says any key will do when the missing key is for a server at a base URL', () => {
    const settings: RealProviderSettings = {
      env: {},
      baseUrl: 'http://127.0.0.1:11434/v1',
      baseUrlProvider: 'openai',
      api: 'chat',
      stream: true,
    };
    expect(() => createRealProvider('gpt-5-mini', settings)).toThrow(
      'Set OPENAI_API_KEY (any non-empty value for a server that needs no key) to use gpt-5-mini, or run with --mock.',
    );
    // --base-url belongs to the provider chosen at start; another reads its own variable.
    expect(() =>
      createRealProvider('claude-haiku-4-5', {
        ...settings,
        env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:11434' },
      }),
    ).toThrow('Set ANTHROPIC_API_KEY (any non-empty value for a server that needs no key)');
  });
});
