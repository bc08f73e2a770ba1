import { describe, expect, it } from 'vitest';
import { providerDisplayName } from '../../../src/core/providers/adapter-run';

describe('providerDisplayName', () => {
  it.each([
    [undefined, 'OpenAI'],
    ['http://127.0.0.1:11434/v1', 'the server at 127.0.0.1:11434'],
    ['https://openrouter.ai/api/v1', 'the server at openrouter.ai'],
    ['localhost:11434', 'the server at localhost:11434'],
    ['not a url', 'the server at not a url'],
  ])('names the server at %s', (baseUrl, name) => {
    expect(providerDisplayName('OpenAI', baseUrl)).toBe(name);
  });
});
