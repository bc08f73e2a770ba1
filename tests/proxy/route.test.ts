import { describe, expect, it } from 'vitest';
import { routeOf } from '../../src/proxy/route';
import { upstreamUrlOf } from '../../src/proxy/server';
import { redactUrl } from '../../src/core/redact';
import { toolOf } from '../../src/proxy/tool';

describe('routeOf', () => {
  it.each([
    ['POST', '/v1/chat/completions', {}, 'openai', 'chat-completions', '/chat/completions'],
    ['POST', '/v1/responses', {}, 'openai', 'responses', '/responses'],
    ['POST', '/chat/completions', {}, 'openai', 'chat-completions', '/chat/completions'],
    ['GET', '/v1/models', {}, 'openai', null, '/models'],
    ['POST', '/v1/embeddings', {}, 'openai', null, '/embeddings'],
    ['GET', '/v1/responses/resp_1?x=1', {}, 'openai', null, '/responses/resp_1?x=1'],
    ['POST', '/v1/messages', {}, 'anthropic', 'messages', '/v1/messages'],
    ['POST', '/v1/messages?beta=true', {}, 'anthropic', 'messages', '/v1/messages?beta=true'],
    ['POST', '/v1/messages/count_tokens', {}, 'anthropic', null, '/v1/messages/count_tokens'],
    ['GET', '/v1/models', { 'anthropic-version': '2023-06-01' }, 'anthropic', null, '/v1/models'],
    ['GET', '/v1/models', { 'x-api-key': 'k' }, 'anthropic', null, '/v1/models'],
    ['POST', '/v1/chat/completions', { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, 'openai', 'chat-completions', '/chat/completions'],
    ['POST', '/v1/responses', { 'x-api-key': 'k' }, 'openai', 'responses', '/responses'],
    ['POST', '/v1/messages', { authorization: 'Bearer k' }, 'anthropic', 'messages', '/v1/messages'],
    ['GET', '/v1/responses/resp_1', { 'anthropic-version': '2023-06-01' }, 'anthropic', null, '/v1/responses/resp_1'],
  ] as const)('%s %s %j -> %s %s %s', (method, url, headers, provider, api, path) => {
    expect(routeOf(method, url, headers)).toEqual({ provider, api, upstreamPath: path });
  });
});

describe('upstreamUrlOf', () => {
  it.each([
    ['https://api.openai.com/v1', '/chat/completions', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1/', '/models?a=b', 'https://api.openai.com/v1/models?a=b'],
    ['https://api.anthropic.com', '/v1/messages', 'https://api.anthropic.com/v1/messages'],
    ['http://127.0.0.1:9/prefix/v1', '/responses', 'http://127.0.0.1:9/prefix/v1/responses'],
  ])('%s + %s = %s', (base, path, url) => {
    expect(upstreamUrlOf(base, path).href).toBe(url);
  });
});

describe('toolOf', () => {
  it.each([
    ['claude-cli/2.0.14 (external, cli)', 'claude-cli'],
    ['codex_cli_rs/0.46.0 (Mac OS 15.6.1; arm64) iTerm.app/3.6.1', 'codex'],
    ['Aider/0.86.1', 'aider'],
    ['OpenAI/Python 1.109.1', 'openai-python'],
    ['AsyncOpenAI/Python 1.109.1', 'openai-python'],
    ['OpenAI/JS 7.57.0', 'openai-node'],
    ['Anthropic/Python 0.69.0', 'anthropic-python'],
    ['Anthropic/JS 1.12.0', 'anthropic-node'],
    ['curl/8.5.0', 'curl'],
    ['Cursor/1.7.44 (darwin arm64)', 'cursor'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Cursor/1.7.44 Chrome/132.0.6834.210 Electron/34.5.8 Safari/537.36', 'cursor'],
    ['python-httpx/0.28.1', 'python-httpx'],
    ['', 'unknown'],
    [undefined, 'unknown'],
  ])('%s -> %s', (agent, tool) => {
    expect(toolOf(agent)).toBe(tool);
  });

  it('lets --tag win over the User-Agent', () => {
    expect(toolOf('claude-cli/2.0.14', 'nightly-job')).toBe('nightly-job');
  });
});

describe('redactUrl, as the proxy banner prints upstreams', () => {
  it.each([
    ['http://u:PASS@host:8080/v1', 'http://***@host:8080/v1'],
    ['https://token@gateway.example/v1', 'https://***@gateway.example/v1'],
    ['https://gateway.example/v1?key=SECRET', 'https://gateway.example/v1?***'],
    ['https://api.openai.com/v1', 'https://api.openai.com/v1'],
    ['https://api.anthropic.com', 'https://api.anthropic.com'],
    ['https://api.anthropic.com/', 'https://api.anthropic.com/'],
  ])('%s is shown as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
