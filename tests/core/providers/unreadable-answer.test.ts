import { describe, expect, it } from 'vitest';
import { replayResponse } from '../../helpers/replay-server';
import { useReplayServer } from '../../helpers/replay-suite';
import { anthropicAt, meteredCall, openAiAt } from './harness';

const server = useReplayServer();
const host = () => new URL(server.origin).host;

const INVALID_JSON = replayResponse('{"id": "chatcmpl-1", "choices": [', 200, {
  'content-type': 'application/json',
});
const MALFORMED_SSE = replayResponse('event: message_start\ndata: {not json\n\n', 200, {
  'content-type': 'text/event-stream',
});

const providers = [
  { name: 'openai', at: (stream: boolean) => openAiAt(server, { stream, maxRetries: 0 }), model: 'gpt-4o-mini', hint: 'an OpenAI-compatible one usually ends in /v1' },
  { name: 'anthropic', at: (stream: boolean) => anthropicAt(server, { stream, maxRetries: 0 }), model: 'claude-haiku-4-5', hint: 'for Anthropic it is the server root, without /v1' },
];

describe('an answer that is not a reply', () => {
  it.each(
    providers.flatMap((provider) =>
      [
        { body: 'an invalid JSON body', response: INVALID_JSON, stream: true },
        { body: 'an invalid JSON body', response: INVALID_JSON, stream: false },
        { body: 'malformed SSE', response: MALFORMED_SSE, stream: true },
        { body: 'malformed SSE', response: MALFORMED_SSE, stream: false },
      ].map((c) => ({ ...c, ...provider })),
    ),
  )('$name, $body, stream $stream: says so, records a failed call, points at --base-url', async (c) => {
    server.serve(c.response);
    const { end } = await meteredCall(c.at(c.stream), c.model);
    expect(end.call.outcome).toBe('failed');
    expect(end.error?.kind).toBe('server');
    const message = end.error?.message ?? '';
    expect(message).toMatch(
      new RegExp(`^The server at ${host()} sent an answer that is not a reply chatmeter can read`),
    );
    expect(message.endsWith(`Check --base-url (${c.hint}).`)).toBe(true);
    expect(message).not.toMatch(/broke off mid-reply|kept and metered|Cannot read properties/);
  });
});
