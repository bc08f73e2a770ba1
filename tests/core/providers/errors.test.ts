import { describe, expect, it } from 'vitest';
import { ZERO_USAGE } from '../../../src/core/usage/types';
import { loadFixture, replayResponse, startReplayServer } from '../../helpers/replay-server';
import { useReplayServer } from '../../helpers/replay-suite';
import { anthropicAt, FAKE_KEY, meteredCall, noticesOf, openAiAt } from './harness';

const server = useReplayServer();
const host = () => new URL(server.origin).host;

/** Asserts a call failed before any output: counted, no tokens, no cost. */
function expectFailed(end: Awaited<ReturnType<typeof meteredCall>>['end'], kind: string) {
  expect(end.call.outcome).toBe('failed');
  expect(end.call.usage).toEqual(ZERO_USAGE);
  expect(end.call.estimated).toBe(false);
  expect(end.call.errorKind).toBe(kind);
  expect(end.reply).toBe('');
  expect(end.error?.message).not.toContain(FAKE_KEY);
}

describe('provider errors from recorded responses', () => {
  it.each([true, false])(
    'maps OpenAI 401 invalid_api_key to auth naming OPENAI_API_KEY (stream %s)',
    async (stream) => {
      server.serve(loadFixture('openai/error-401-invalid-api-key.json'));
      const before = server.requests.length;
      const { end } = await meteredCall(openAiAt(server, { stream }), 'gpt-4o-mini');
      expectFailed(end, 'auth');
      expect(end.error?.status).toBe(401);
      expect(end.error?.requestId).toBe('req_9687077e3eda489b8c841a40f5d23a95');
      expect(end.error?.message).toBe(
        `OPENAI_API_KEY was rejected by the server at ${host()} (401). Check the key, or unset it to use mock mode.`,
      );
      expect(server.requests.length - before).toBe(1);
    },
  );

  it('maps OpenAI 429 insufficient_quota to rate_limit after the SDK retries twice, each a notice', async () => {
    server.serve(
      loadFixture('openai/error-429-insufficient-quota.json', {
        status: 429,
        headers: { 'retry-after-ms': '1' },
      }),
    );
    const before = server.requests.length;
    const { end, events } = await meteredCall(openAiAt(server, { stream: false }), 'gpt-4o-mini');
    expectFailed(end, 'rate_limit');
    expect(server.requests.length - before).toBe(3);
    expect(noticesOf(events)).toEqual([
      `The server at ${host()} answered 429; retrying (1 of 2)...`,
      `The server at ${host()} answered 429; retrying (2 of 2)...`,
    ]);
    expect(end.error?.retryAfterSeconds).toBe(1);
    expect(end.error?.message).toBe(
      `Rate limit or quota reached at the server at ${host()} (429): You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors. Retry in 1s, or check your plan and billing.`,
    );
  });

  it('maps an in-band Responses stream error (insufficient_quota) to rate_limit', async () => {
    for (const kind of ['whole', 'bytewise'] as const) {
      server.serve(loadFixture('openai/responses-stream-error-insufficient-quota.sse'), { kind });
      const { end } = await meteredCall(openAiAt(server, { api: 'responses' }), 'gpt-4o');
      expectFailed(end, 'rate_limit');
      expect(end.error?.status).toBeNull();
      expect(end.error?.message).toMatch(
        /^Rate limit or quota reached at .*: You exceeded your current quota/,
      );
    }
  });

  it('maps a Chat stream whose first chunk is an error to server', async () => {
    server.serve(loadFixture('_transcribed/openai-chat-stream-error-first-chunk.vercel-test.sse'));
    const { end } = await meteredCall(openAiAt(server), 'gpt-4o-mini');
    expectFailed(end, 'server');
    expect(end.error?.message).toMatch(
      new RegExp(
        `^The server at ${host()} had a server error: The server had an error processing your request`,
      ),
    );
  });

  it('maps Anthropic 401 to auth naming ANTHROPIC_API_KEY without retrying (x-should-retry: false)', async () => {
    server.serve(loadFixture('anthropic/error-401-authentication.json'));
    const before = server.requests.length;
    const { end } = await meteredCall(anthropicAt(server), 'claude-3-7-sonnet-20250219');
    expectFailed(end, 'auth');
    expect(end.error?.requestId).toBe('req_011CVa2kcigwBtMFroktdQ2q');
    expect(end.error?.message).toBe(
      `ANTHROPIC_API_KEY was rejected by the server at ${host()} (401). Check the key, or unset it to use mock mode.`,
    );
    expect(server.requests.length - before).toBe(1);
    expect(server.requests.at(-1)!.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
  });

  it("maps Anthropic 400 to bad_request with the provider's message", async () => {
    server.serve(loadFixture('anthropic/error-400-invalid-request.json'));
    const { end } = await meteredCall(
      anthropicAt(server, { stream: false }),
      'claude-3-opus-20240229',
    );
    expectFailed(end, 'bad_request');
    const body = JSON.parse(
      loadFixture('anthropic/error-400-invalid-request.json').body.toString(),
    );
    expect(end.error?.message).toBe(
      `The server at ${host()} rejected the request (400): ${body.error.message.replace(/\.$/, '')}. Check the options (--model, --max-tokens, --system).`,
    );
  });

  it('maps Anthropic 529 overloaded to overloaded after two retry notices', async () => {
    server.serve(
      loadFixture('_transcribed/anthropic-529-overloaded.json', {
        headers: { 'retry-after-ms': '1' },
      }),
    );
    const { end, events } = await meteredCall(anthropicAt(server), 'claude-haiku-4-5');
    expectFailed(end, 'overloaded');
    expect(end.error?.status).toBe(529);
    expect(noticesOf(events)).toHaveLength(2);
    expect(end.error?.message).toBe(
      `The server at ${host()} is overloaded (529). Retry in a moment.`,
    );
  });

  it('maps a 404 (hand-made body) to model_not_found', async () => {
    server.serve(
      replayResponse(
        '{"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","code":"model_not_found"}}',
        404,
        {
          'content-type': 'application/json',
        },
      ),
    );
    const { end } = await meteredCall(openAiAt(server, { stream: false }), 'gpt-9');
    expectFailed(end, 'model_not_found');
    expect(end.error?.message).toBe(
      `Model "gpt-9" was not found at the server at ${host()} (404). Check the id (chatmeter models) or pass another --model, and check --base-url (an OpenAI-compatible one usually ends in /v1).`,
    );
  });

  it('maps a refused connection to network', async () => {
    const closed = await startReplayServer();
    await closed.close();
    const { end } = await meteredCall(openAiAt(closed, { maxRetries: 0 }), 'gpt-4o-mini');
    expectFailed(end, 'network');
    expect(end.error?.message).toMatch(/^The connection to the server at 127\.0\.0\.1:\d+ failed/);
  });

  it('records a reply cancelled mid-stream through the real SDK as aborted', async () => {
    server.serve(loadFixture('openai/chat-stream-2026-obfuscation.sse'), { kind: 'bytewise' });
    const { ChatSession } = await import('../../../src/core/chat/session');
    const { priceTable } = await import('./harness');
    const provider = openAiAt(server);
    const session = new ChatSession({
      sessionId: 's',
      provider,
      providerFactory: () => provider,
      model: 'gpt-4.1-nano',
      priceTable,
      sinks: [],
      mode: 'real',
    });
    const controller = new AbortController();
    let end: { call: { outcome: string; errorKind: string | null; estimated: boolean } } | null =
      null;
    for await (const event of session.send('hi', controller.signal)) {
      if (event.type === 'text') controller.abort();
      if (event.type === 'end') end = event;
    }
    expect(end?.call).toMatchObject({
      outcome: 'aborted',
      errorKind: 'cancelled',
      estimated: true,
    });
  });
});
