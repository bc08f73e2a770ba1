import { describe, expect, it } from 'vitest';
import { cutKindOf } from '../../../src/core/usage/stop-reason';
import { emptyReplyNote } from '../../../src/core/usage/stop-reason';
import { formatUsageLine } from '../../../src/ui/format';
import { loadFixture } from '../../helpers/replay-server';
import { useReplayServer } from '../../helpers/replay-suite';
import { anthropicAt, meteredCall, openAiAt } from './harness';

type Api = 'chat' | 'responses' | 'messages';

interface StopCase {
  readonly file: string;
  readonly api: Api;
  readonly stream: boolean;
  readonly model: string;
  /** The provider's stop reason as recorded (or as the edited copy says). */
  readonly stopReason: string;
  readonly mark: string | null;
  readonly replyStart: string;
}

// `.edited.` files are recordings with one field changed (tests/fixtures/INDEX.md).
const cases: StopCase[] = [
  {
    file: 'anthropic/messages-basic.json',
    api: 'messages',
    stream: false,
    model: 'claude-sonnet-4-5-20250929',
    stopReason: 'max_tokens',
    mark: 'cut: max tokens',
    replyStart: '# Who vs. Whom',
  },
  {
    file: 'anthropic/messages-stream-cache-read.sse',
    api: 'messages',
    stream: true,
    model: 'claude-sonnet-4-20250514',
    stopReason: 'max_tokens',
    mark: 'cut: max tokens',
    replyStart: 'A **system**',
  },
  {
    file: 'anthropic/messages-refusal.edited.json',
    api: 'messages',
    stream: false,
    model: 'claude-sonnet-4-5-20250929',
    stopReason: 'refusal',
    mark: 'cut: refusal',
    replyStart: '# Who vs. Whom',
  },
  {
    file: 'anthropic/messages-stream-basic.sse',
    api: 'messages',
    stream: true,
    model: 'claude-haiku-4-5',
    stopReason: 'end_turn',
    mark: null,
    replyStart: 'Hello',
  },
  {
    file: 'openai/chat-cached-tokens.json',
    api: 'chat',
    stream: false,
    model: 'gpt-4o',
    stopReason: 'length',
    mark: 'cut: max tokens',
    replyStart: 'Structuring a database schema',
  },
  {
    file: 'openai/chat-stream-length.edited.sse',
    api: 'chat',
    stream: true,
    model: 'gpt-4o-mini',
    stopReason: 'length',
    mark: 'cut: max tokens',
    replyStart: 'The result',
  },
  {
    file: 'openai/chat-content-filter.edited.json',
    api: 'chat',
    stream: false,
    model: 'gpt-4o-mini',
    stopReason: 'content_filter',
    mark: 'cut: content filter',
    replyStart: 'YES',
  },
  {
    file: 'openai/chat-refusal.edited.json',
    api: 'chat',
    stream: false,
    model: 'gpt-4o-mini',
    stopReason: 'refusal',
    mark: 'cut: refusal',
    replyStart: "I'm sorry, I can't help with that.",
  },
  {
    file: 'openai/chat-stream-refusal.edited.sse',
    api: 'chat',
    stream: true,
    model: 'gpt-4o-mini',
    stopReason: 'refusal',
    mark: 'cut: refusal',
    replyStart: 'The result',
  },
  {
    file: 'openai/responses-refusal.edited.json',
    api: 'responses',
    stream: false,
    model: 'gpt-5.5',
    stopReason: 'refusal',
    mark: 'cut: refusal',
    replyStart: "I can't help with that.",
  },
  {
    file: 'openai/chat-basic.json',
    api: 'chat',
    stream: false,
    model: 'gpt-4o-mini',
    stopReason: 'stop',
    mark: null,
    replyStart: 'YES',
  },
  {
    file: 'openai/responses-stream-incomplete.sse',
    api: 'responses',
    stream: true,
    model: 'gpt-4o',
    stopReason: 'max_output_tokens',
    mark: 'cut: max tokens',
    replyStart: 'In the bustling city of Detroit',
  },
  {
    file: 'openai/responses-stream-content-filter.edited.sse',
    api: 'responses',
    stream: true,
    model: 'gpt-4o',
    stopReason: 'content_filter',
    mark: 'cut: content filter',
    replyStart: 'In the bustling city of Detroit',
  },
  {
    file: 'openai/responses-stream-basic.sse',
    api: 'responses',
    stream: true,
    model: 'gpt-5.5',
    stopReason: 'completed',
    mark: null,
    replyStart: '',
  },
];

describe('replies that stopped early, through the real SDKs', () => {
  const server = useReplayServer();

  it.each(cases)('$file: stop reason $stopReason, mark $mark', async (c) => {
    server.serve(loadFixture(c.file));
    const provider =
      c.api === 'messages'
        ? anthropicAt(server, { stream: c.stream })
        : openAiAt(server, { api: c.api, stream: c.stream });
    const { end } = await meteredCall(provider, c.model);
    expect(end.call.outcome).toBe('ok');
    expect(end.call.stopReason).toBe(c.stopReason);
    expect(end.reply.startsWith(c.replyStart)).toBe(true);
    const line = formatUsageLine(end.call, false);
    if (c.mark === null) expect(line).not.toContain('cut:');
    else expect(line.endsWith(` · ${c.mark}`)).toBe(true);
  });

  it('says a reply with only reasoning has no text (recorded: all 100 output tokens reasoning)', async () => {
    server.serve(loadFixture('openai/chat-reasoning-cache-write.json'));
    const { end } = await meteredCall(openAiAt(server, { stream: false }), 'gpt-5');
    expect(end.reply).toBe('');
    expect(cutKindOf(end.call.stopReason)).toBe('max_tokens');
    expect(emptyReplyNote(end.call, end.reply)).toBe(
      'The reply has no text (only thinking). It hit the output limit first: raise --max-tokens. Its 100 output tokens are billed.',
    );
  });

  it('says a reply with only thinking and a tool call has no text (recorded stream)', async () => {
    server.serve(loadFixture('anthropic/messages-stream-thinking.sse'));
    const { end } = await meteredCall(anthropicAt(server), 'claude-haiku-4-5');
    expect(end.reply).toBe('');
    expect(end.call.stopReason).toBe('tool_use');
    expect(emptyReplyNote(end.call, end.reply)).toBe(
      'The reply has no text (only thinking and a tool call). Its 92 output tokens are billed.',
    );
  });
});
