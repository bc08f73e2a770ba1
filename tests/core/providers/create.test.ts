import { describe, expect, it } from 'vitest';
import { createRealProvider, type RealProviderSettings } from '../../../src/core/providers/create';

const KEY = 'test-key-not-real';

function settings(over: Partial<RealProviderSettings>): RealProviderSettings {
  return { env: {}, api: 'chat', stream: true, ...over };
}

describe('createRealProvider', () => {
  it.each([
    {
      name: 'an OPENAI_BASE_URL server serves an id that does not tell its provider',
      over: { env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } },
    },
    {
      name: 'a --base-url server serves an id that does not tell its provider',
      over: { env: { OPENAI_API_KEY: KEY }, baseUrl: 'http://127.0.0.1:9/v1' },
    },
  ])('$name', ({ over }) => {
    const provider = createRealProvider('llama3', settings({ baseUrlProvider: 'openai', ...over }));
    expect(provider.id).toBe('openai');
  });

  it.each([
    { name: 'no base URL', env: { OPENAI_API_KEY: KEY } },
    { name: 'a blank OPENAI_BASE_URL', env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: '  ' } },
  ])('asks for --provider for an id that does not tell its provider with $name', ({ env }) => {
    expect(() => createRealProvider('llama3', settings({ env, baseUrlProvider: 'openai' }))).toThrow(
      'Cannot tell which provider serves "llama3"',
    );
  });

  it('accepts any key for a model on a base URL, and says so when the key is missing', () => {
    const onServer = settings({ baseUrl: 'http://127.0.0.1:9/v1', baseUrlProvider: 'openai' });
    expect(() => createRealProvider('gpt-5-mini', onServer)).toThrow(
      'Set OPENAI_API_KEY (any non-empty value for a server that needs no key) to use gpt-5-mini, or run with --mock.',
    );
  });

  it('applies --base-url to the provider chosen at start only; another uses its own variable', () => {
    const openAiServer = { baseUrl: 'http://127.0.0.1:9/v1', baseUrlProvider: 'openai' as const };
    expect(() => createRealProvider('claude-haiku-4-5', settings(openAiServer))).toThrow(
      'Set ANTHROPIC_API_KEY to use claude-haiku-4-5, or run with --mock.',
    );
    const env = { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' };
    expect(() => createRealProvider('claude-haiku-4-5', settings({ ...openAiServer, env }))).toThrow(
      'Set ANTHROPIC_API_KEY (any non-empty value for a server that needs no key)',
    );
  });
});
