import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/core/redact';

describe('redactSecrets', () => {
  it.each([
    ["headers: { authorization: 'Bearer tok_abc123', accept: 'x' }", "headers: { authorization: '[redacted]', accept: 'x' }"],
    ['{"x-api-key":"abcdef123456","n":1}', '{"x-api-key":"[redacted]","n":1}'],
    ['Authorization: Bearer abc.def.ghi', 'Authorization: [redacted]'],
    ['sent Bearer opaque-token-1 to the server', 'sent Bearer [redacted] to the server'],
    ['api_key=hunter22&x=1', 'api_key=[redacted]&x=1'],
  ])('removes credential header values: %j', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('removes a given secret wherever it appears, even when it has no key shape', () => {
    expect(redactSecrets('echo: plainsecretvalue!', ['plainsecretvalue'])).toBe('echo: [redacted]!');
  });
});
