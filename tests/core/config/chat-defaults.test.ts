import { describe, expect, it } from 'vitest';
import { envWithConfigDefaults, withConfigDefaults } from '../../../src/core/config/chat-defaults';
import { withDefaults } from '../../../src/core/config/settings';

const settings = withDefaults({
  defaultProvider: 'openai',
  defaultModel: 'llama3',
  baseUrl: { openai: 'http://127.0.0.1:11434/v1' },
  system: 'Be brief.',
  maxTokens: 300,
  serviceTier: 'flex',
  cache: '1h',
  mockDelayMs: 5,
  ledger: false,
});

describe('withConfigDefaults', () => {
  it('fills every flag that was not given', () => {
    expect(withConfigDefaults({ ledger: true }, settings)).toEqual({
      ledger: false,
      model: 'llama3',
      provider: 'openai',
      system: 'Be brief.',
      maxTokens: 300,
      serviceTier: 'flex',
      cache: '1h',
    });
  });

  it('lets every flag win', () => {
    const flags = {
      ledger: true,
      model: 'gpt-4o',
      system: 'x',
      maxTokens: 9,
      serviceTier: 'priority' as const,
      cache: 'off' as const,
    };
    expect(withConfigDefaults(flags, settings)).toEqual({
      ...flags,
      provider: undefined,
      ledger: false,
    });
  });

  it('takes neither default model nor provider when --provider is given', () => {
    const merged = withConfigDefaults({ ledger: true, provider: 'anthropic' as const }, settings);
    expect(merged).toMatchObject({ provider: 'anthropic', model: undefined });
  });

  it('keeps the ledger on when neither the flag nor the setting turns it off', () => {
    expect(withConfigDefaults({ ledger: true }, withDefaults({})).ledger).toBe(true);
    expect(withConfigDefaults({ ledger: false }, withDefaults({})).ledger).toBe(false);
  });
});

describe('envWithConfigDefaults', () => {
  it('fills base URLs and the mock delay the environment does not set', () => {
    const env = envWithConfigDefaults({ HOME: '/h' }, settings);
    expect(env).toEqual({
      HOME: '/h',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      CHATMETER_MOCK_DELAY_MS: '5',
    });
  });

  it('lets the environment win over the config file', () => {
    const env = envWithConfigDefaults(
      { OPENAI_BASE_URL: 'http://other/v1', CHATMETER_MOCK_DELAY_MS: '0' },
      settings,
    );
    expect(env.OPENAI_BASE_URL).toBe('http://other/v1');
    expect(env.CHATMETER_MOCK_DELAY_MS).toBe('0');
  });
});
