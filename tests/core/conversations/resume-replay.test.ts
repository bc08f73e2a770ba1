import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/core/chat/call-stream';
import { ConversationRecorder } from '../../../src/core/conversations/recorder';
import { loadedConversation, loadConversation } from '../../../src/core/conversations/resume';
import { openConversationStore } from '../../../src/core/conversations/store';
import type { ChatProvider } from '../../../src/core/providers/types';
import { ZERO_USAGE } from '../../../src/core/usage/types';
import { loadFixture } from '../../helpers/replay-server';
import { useReplayServer } from '../../helpers/replay-suite';
import { anthropicAt, openAiAt, realSession, turnOn, withUsage } from '../providers/harness';

const server = useReplayServer();

/** One chat process: a real-mode session on `provider` saving its turns in `file`. */
function chatOn(
  file: string,
  provider: ChatProvider,
  model: string,
  resume = false,
  clock?: Clock,
) {
  const saved = resume ? loadConversation(file, { latest: true }) : null;
  const recorder = new ConversationRecorder({
    open: () => openConversationStore(file),
    mode: 'real',
    ...(saved ? { conversationId: saved.id } : {}),
  });
  const session = realSession(provider, model, {
    sessionId: resume ? 'second-process' : 'first-process',
    cache: '5m',
    turns: recorder,
    ...(clock ? { clock } : {}),
  });
  if (saved) session.loadConversation(loadedConversation(saved, session));
  const turn = (text: string) => turnOn(session, text);
  return { session, recorder, turn, saved };
}

const body = (i: number) => JSON.parse(server.requests[i]!.body) as Record<string, unknown>;
const storeFile = () => join(mkdtempSync(join(tmpdir(), 'chatmeter-resume-replay-')), 'c.db');

describe('a conversation resumed in another process, through the real SDKs', () => {
  it('sends OpenAI the saved conversation’s id as prompt_cache_key, its next-turn figure exact', async () => {
    server.requests.length = 0;
    // Turn 2 is cold (a new process, maybe minutes later) and reports the prompt it was told of.
    server.serve([
      loadFixture('openai/chat-cached-tokens.json'),
      withUsage('openai/chat-cached-tokens.json', {
        prompt_tokens: 1320,
        completion_tokens: 100,
        total_tokens: 1420,
        prompt_tokens_details: { cached_tokens: 0 },
      }),
    ]);
    const file = storeFile();
    const provider = () => openAiAt(server, { stream: false, promptCacheKey: true });
    const first = chatOn(file, provider(), 'gpt-4o-2024-08-06');
    await first.turn('first');
    first.recorder.close();

    const tenMinutesLater = { nowMs: () => Date.now() + 10 * 60_000 };
    const second = chatOn(file, provider(), 'gpt-4o-2024-08-06', true, tenMinutesLater);
    expect(second.saved!.id).toBe(first.session.conversationId);
    const figure = second.session.nextTurn();
    // 1,220 prompt + 100 output tokens, all uncached: 1320 x 2.50 = 3300 micro-USD.
    expect(figure).toMatchObject({
      promptTokens: 1320,
      usage: { ...ZERO_USAGE, inputTokens: 1320 },
      costPicoUsd: 3_300_000_000n,
      estimated: false,
    });
    const next = await second.turn('');
    second.recorder.close();
    expect([body(0).prompt_cache_key, body(1).prompt_cache_key]).toEqual([
      second.saved!.id,
      second.saved!.id,
    ]);
    // The call adds 100 output tokens at 10 USD per 1M (1000 micro-USD).
    expect(next.call.costPicoUsd).toBe(figure!.costPicoUsd! + 1_000_000_000n);
    expect(loadConversation(file, { latest: true }).turns).toBe(2);
  });

  it('puts Anthropic cache breakpoints on the resumed prefix', async () => {
    server.requests.length = 0;
    server.serve(loadFixture('anthropic/messages-basic.json'));
    const file = storeFile();
    const first = chatOn(file, anthropicAt(server, { stream: false }), 'claude-sonnet-4-20250514');
    // About 1,500 tokens: Claude Sonnet 4 caches a prefix of 1,024 or more.
    await first.turn('Review this carefully, step by step. '.repeat(200));
    first.recorder.close();
    const second = chatOn(file, anthropicAt(server, { stream: false }), 'claude-sonnet-4-20250514', true);
    await second.turn('and the tests?');
    second.recorder.close();
    const messages = body(1).messages as { content: { cache_control?: unknown }[] }[];
    expect(messages.map((m) => m.content.at(-1)?.cache_control ?? null)).toEqual([
      null,
      { type: 'ephemeral', ttl: '5m' },
      { type: 'ephemeral', ttl: '5m' },
    ]);
  });
});
