import { describe, expect, it } from 'vitest';
import { inferProvider } from '../../../src/core/model-id';
import { baseUrlVariableOf, keyVariableOf } from '../../../src/core/providers/key-variables';
import {
  kindOfStatus,
  mapSdkError,
  providerError,
  retryAfterSecondsOf,
} from '../../../src/core/providers/map-error';
import { redactSecrets } from '../../../src/core/redact';

const context = {
  providerName: 'OpenAI',
  keyVariable: 'OPENAI_API_KEY',
  model: 'gpt-5',
  secrets: ['sk-live-SECRET-abcdef'],
};

describe('inferProvider', () => {
  it.each([
    ['gpt-5-mini', 'openai'],
    ['o1-preview', 'openai'],
    ['o3', 'openai'],
    ['o4-mini', 'openai'],
    ['chatgpt-4o-latest', 'openai'],
    ['openai/gpt-4o', 'openai'],
    ['claude-sonnet-4-5', 'anthropic'],
    ['anthropic/claude-3-haiku', 'anthropic'],
    ['llama3.1:8b', null],
    ['grok-4', null],
    ['gemini-2.5-pro', null],
  ])('%s -> %s', (model, provider) => {
    expect(inferProvider(model)).toBe(provider);
  });

  it('names the key and base URL variables', () => {
    expect(keyVariableOf('anthropic')).toBe('ANTHROPIC_API_KEY');
    expect(baseUrlVariableOf('openai')).toBe('OPENAI_BASE_URL');
  });
});

describe('error mapping', () => {
  it.each([
    [401, null, 'auth'],
    [403, null, 'auth'],
    [404, null, 'model_not_found'],
    [429, null, 'rate_limit'],
    [529, null, 'overloaded'],
    [503, null, 'overloaded'],
    [500, null, 'server'],
    [502, null, 'server'],
    [400, null, 'bad_request'],
    [422, null, 'bad_request'],
    [500, 'overloaded_error', 'overloaded'],
  ] as const)('status %i (%s) is %s', (status, type, kind) => {
    expect(kindOfStatus(status, type)).toBe(kind);
  });

  it('removes the key, and anything shaped like a key, from provider text', () => {
    expect(redactSecrets('bad key sk-live-SECRET-abcdef here', ['sk-live-SECRET-abcdef'])).toBe(
      'bad key [redacted] here',
    );
    expect(redactSecrets('Incorrect API key provided: bad-key-**********test.')).toBe(
      'Incorrect API key provided: bad-[redacted key].',
    );
  });

  it('reads retry-after in seconds, as a date, and retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSecondsOf(new Headers({ 'retry-after': '12' }), now)).toBe(12);
    expect(retryAfterSecondsOf(new Headers({ 'retry-after-ms': '2500' }), now)).toBe(3);
    expect(
      retryAfterSecondsOf(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now),
    ).toBe(30);
    expect(retryAfterSecondsOf(new Headers(), now)).toBeNull();
  });

  it("maps the SDKs' own timeout, abort and connection errors", async () => {
    for (const sdk of [await import('openai'), await import('@anthropic-ai/sdk')]) {
      expect(mapSdkError(new sdk.APIConnectionTimeoutError(), sdk, context).kind).toBe('timeout');
      expect(mapSdkError(new sdk.APIUserAbortError(), sdk, context).kind).toBe('cancelled');
      const refused = new sdk.APIConnectionError({ cause: new Error('connect ECONNREFUSED') });
      const mapped = mapSdkError(refused, sdk, context);
      expect(mapped.kind).toBe('network');
      expect(mapped.message).toBe(
        'The connection to OpenAI failed: connect ECONNREFUSED. Check your connection or --base-url.',
      );
    }
  });

  it('never lets the key into a message, even when the provider echoes it', async () => {
    const sdk = await import('openai');
    const error = sdk.APIError.generate(
      400,
      {
        error: { message: 'Key sk-live-SECRET-abcdef is malformed', type: 'invalid_request_error' },
      },
      undefined,
      new Headers(),
    );
    const mapped = mapSdkError(error, sdk, context);
    expect(mapped.kind).toBe('bad_request');
    expect(mapped.message).not.toContain('SECRET');
    expect(mapped.message).toBe(
      'OpenAI rejected the request (400): Key [redacted] is malformed. Check the options (--model, --max-tokens, --system).',
    );
  });
});

describe('error messages that depend on what happened', () => {
  it('tells a connection that failed from one that broke off mid-reply', () => {
    const details = { providerMessage: 'terminated' };
    expect(providerError('network', context, details).message).toBe(
      'The connection to OpenAI failed: terminated. Check your connection or --base-url.',
    );
    expect(providerError('network', { ...context, midReply: true }, details).message).toBe(
      'The connection to OpenAI broke off mid-reply: terminated. What arrived is kept and metered (~); send again to retry.',
    );
  });

  it.each([
    [undefined, 'Wait a moment'],
    [0, 'Retry now'],
    [7, 'Retry in 7s'],
  ])('asks to wait per retry-after %s on a rate limit', (retryAfterSeconds, advice) => {
    const error = providerError('rate_limit', context, { status: 429, retryAfterSeconds });
    expect(error.message).toBe(
      `Rate limit or quota reached at OpenAI (429). ${advice}, or check your plan and billing.`,
    );
  });
});
