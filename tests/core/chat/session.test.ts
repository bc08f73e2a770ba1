import { describe, expect, it } from 'vitest';
import type { TokenEstimator } from '../../../src/core/tokens/estimate';
import { ProviderError } from '../../../src/core/providers/errors';
import type { Usage } from '../../../src/core/usage/types';
import { ZERO_USAGE } from '../../../src/core/usage/types';
import { collect, endOf, listSink, ScriptedProvider, testSession } from './helpers';

/** Counts words: makes estimates easy to check by eye. */
const wordEstimator: TokenEstimator = {
  countTokens: (text) => text.split(/\s+/).filter(Boolean).length,
  countPromptTokens: (system, messages) =>
    [system ?? '', ...messages.map((m) => m.content)].join(' ').split(/\s+/).filter(Boolean).length,
};
const estimator = async () => wordEstimator;

const usage = (over: Partial<Usage>): Usage => ({ ...ZERO_USAGE, ...over });

describe('ChatSession.send', () => {
  it('records provider usage as ok and prices it exactly', async () => {
    const provider = new ScriptedProvider([
      [
        { type: 'text', text: 'Hello ' },
        { type: 'text', text: 'there' },
        { type: 'usage', usage: usage({ inputTokens: 1000, outputTokens: 250 }) },
        { type: 'done', stopReason: 'stop' },
      ],
    ]);
    const sink = listSink();
    const session = testSession(provider, { sinks: [sink], estimator });
    const events = await collect(session.send('hi', new AbortController().signal));
    const end = endOf(events);
    expect(end.reply).toBe('Hello there');
    expect(end.call.outcome).toBe('ok');
    expect(end.call.estimated).toBe(false);
    // 1000 x 1 USD/M + 250 x 4 USD/M = 0.002 USD = 2,000,000,000 pico-USD
    expect(end.call.costPicoUsd).toBe(2_000_000_000n);
    expect(end.call.latencyMs).toBeGreaterThan(0);
    expect(sink.calls).toEqual([end.call]);
    expect(events.map((e) => e.type).filter((t) => t === 'text')).toHaveLength(2);
    expect(events.at(-1)?.type).toBe('end');
    expect(session.history).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'Hello there' },
    ]);
  });

  it('estimates with the tokenizer when the provider sends no usage', async () => {
    const provider = new ScriptedProvider([
      [
        { type: 'text', text: 'one two three' },
        { type: 'done', stopReason: 'stop' },
      ],
    ]);
    const session = testSession(provider, { estimator, system: 'be brief' });
    const end = endOf(await collect(session.send('count me', new AbortController().signal)));
    expect(end.call.outcome).toBe('ok');
    expect(end.call.estimated).toBe(true);
    expect(end.call.usage).toEqual(usage({ inputTokens: 4, outputTokens: 3 }));
  });

  it('records nothing billable when the provider fails before any output', async () => {
    const error = new ProviderError('rate_limit', 'slow down', { status: 429 });
    const provider = new ScriptedProvider([[{ type: 'error', error }]]);
    const sink = listSink();
    const session = testSession(provider, { sinks: [sink], estimator });
    const end = endOf(await collect(session.send('hi', new AbortController().signal)));
    expect(end.call.outcome).toBe('failed');
    expect(end.call.usage).toEqual(ZERO_USAGE);
    expect(end.call.costPicoUsd).toBe(0n);
    expect(end.call.errorKind).toBe('rate_limit');
    expect(end.error).toBe(error);
    expect(sink.calls).toHaveLength(1);
    expect(session.history).toEqual([]);
  });

  it('marks a stream cut after output as aborted: reported usage plus the estimated rest', async () => {
    const provider = new ScriptedProvider([
      [
        { type: 'usage', usage: usage({ inputTokens: 40, cacheReadTokens: 10, outputTokens: 1 }) },
        { type: 'text', text: 'a b c d e' },
        { type: 'error', error: new ProviderError('overloaded', 'busy', { status: 529 }) },
      ],
    ]);
    const session = testSession(provider, { estimator });
    const end = endOf(await collect(session.send('hi', new AbortController().signal)));
    expect(end.call.outcome).toBe('aborted');
    expect(end.call.estimated).toBe(true);
    expect(end.call.usage).toEqual(
      usage({ inputTokens: 40, cacheReadTokens: 10, outputTokens: 5 }),
    );
    expect(end.call.errorKind).toBe('overloaded');
  });

  it('records a cancelled reply as aborted with the prompt estimated', async () => {
    const controller = new AbortController();
    const provider = new ScriptedProvider([
      [
        { type: 'text', text: 'partial reply' },
        { type: 'text', text: 'never seen' },
      ],
    ]);
    const session = testSession(provider, { estimator });
    const events = [];
    for await (const event of session.send('three word prompt', controller.signal)) {
      events.push(event);
      if (event.type === 'text') controller.abort();
    }
    const end = endOf(events);
    expect(end.call.outcome).toBe('aborted');
    expect(end.call.errorKind).toBe('cancelled');
    expect(end.call.usage).toEqual(usage({ inputTokens: 3, outputTokens: 2 }));
    expect(end.reply).toBe('partial reply');
  });

  it('passes the call to every sink in order before emitting end', async () => {
    const order: string[] = [];
    const provider = new ScriptedProvider([[{ type: 'done', stopReason: 'stop' }]]);
    const session = testSession(provider, {
      estimator,
      sinks: [listSink(order, 'ledger'), listSink(order, 'tracker')],
    });
    for await (const event of session.send('hi', new AbortController().signal)) {
      if (event.type === 'end') order.push('end');
    }
    expect(order).toEqual(['ledger', 'tracker', 'end']);
  });

  it('turns a failing sink into a warning and still feeds the next sink', async () => {
    const provider = new ScriptedProvider([[{ type: 'done', stopReason: 'stop' }]]);
    const tracker = listSink();
    const broken = {
      name: 'usage ledger',
      record() {
        throw new Error('disk full');
      },
    };
    const session = testSession(provider, { estimator, sinks: [broken, tracker] });
    const events = await collect(session.send('hi', new AbortController().signal));
    const notices = events.filter((e) => e.type === 'notice');
    expect(notices).toEqual([
      {
        type: 'notice',
        level: 'warn',
        message:
          "Could not record the call in the usage ledger: disk full. It still counts in this session's totals.",
      },
    ]);
    expect(tracker.calls).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('end');
  });

  it('ends with blocked and sends nothing when the guard blocks', async () => {
    const provider = new ScriptedProvider([[{ type: 'done', stopReason: 'stop' }]]);
    const sink = listSink();
    const session = testSession(provider, {
      estimator,
      sinks: [sink],
      maxTokens: 500,
      guard: (request) => {
        // `hi`: one word plus 4 tokens of message framing, uncached (under OpenAI's 1,024).
        expect(request).toEqual({
          model: 'test-model',
          promptText: '\nhi',
          maxOutputTokens: 500,
          promptUsage: usage({ inputTokens: 5 }),
        });
        return { action: 'block', message: 'Budget reached.' };
      },
    });
    const events = await collect(session.send('hi', new AbortController().signal));
    expect(events).toEqual([{ type: 'blocked', message: 'Budget reached.' }]);
    expect(provider.requests).toHaveLength(0);
    expect(sink.calls).toHaveLength(0);
  });

  it('sends with a warning notice when the guard warns', async () => {
    const provider = new ScriptedProvider([[{ type: 'done', stopReason: 'stop' }]]);
    const session = testSession(provider, {
      estimator,
      guard: () => ({ action: 'warn', message: '80% of the budget used.' }),
    });
    const events = await collect(session.send('hi', new AbortController().signal));
    expect(events[0]).toEqual({
      type: 'notice',
      level: 'warn',
      message: '80% of the budget used.',
    });
    expect(endOf(events).call.outcome).toBe('ok');
  });

  it('forwards provider notices (SDK retries) as info notices', async () => {
    const provider = new ScriptedProvider([
      [
        { type: 'notice', message: 'Retrying (1 of 2)' },
        { type: 'done', stopReason: 'stop' },
      ],
    ]);
    const session = testSession(provider, { estimator });
    const events = await collect(session.send('hi', new AbortController().signal));
    expect(events[0]).toEqual({ type: 'notice', level: 'info', message: 'Retrying (1 of 2)' });
  });

  it('emits exact progress when usage arrives and estimated progress while text streams', async () => {
    const provider = new ScriptedProvider([
      [
        { type: 'text', text: 'x y' },
        { type: 'usage', usage: usage({ inputTokens: 7, outputTokens: 2 }) },
        { type: 'done', stopReason: 'stop' },
      ],
    ]);
    const session = testSession(provider, { estimator });
    const progress = (await collect(session.send('a b', new AbortController().signal))).filter(
      (e) => e.type === 'progress',
    );
    expect(progress.at(-1)).toEqual({
      type: 'progress',
      usage: usage({ inputTokens: 7, outputTokens: 2 }),
      estimated: false,
      costPicoUsd: 15_000_000n,
      simulatedCostPicoUsd: null,
    });
  });

  it('emits throttled estimated progress while a long reply streams, none for a quick one', async () => {
    const chunks = Array.from({ length: 40 }, () => ({ type: 'text' as const, text: 'word ' }));
    const provider = new ScriptedProvider([[...chunks, { type: 'done', stopReason: 'stop' }]]);
    // The test clock advances 10 ms per reading: 40 chunks span about 400 ms.
    const session = testSession(provider, { estimator });
    const progress = (await collect(session.send('a b', new AbortController().signal))).filter(
      (e) => e.type === 'progress',
    );
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(5);
    for (const event of progress) expect(event).toMatchObject({ estimated: true });
    const quick = new ScriptedProvider([
      [
        { type: 'text', text: 'hi' },
        { type: 'done', stopReason: 'stop' },
      ],
    ]);
    const none = (
      await collect(testSession(quick, { estimator }).send('a', new AbortController().signal))
    ).filter((e) => e.type === 'progress');
    expect(none).toEqual([]);
  });

  it('never loads the tokenizer for a reply that arrives in one piece with usage, however late', async () => {
    const provider = new ScriptedProvider([
      [
        { type: 'text', text: 'all at once' },
        { type: 'usage', usage: usage({ inputTokens: 3, outputTokens: 3 }) },
        { type: 'done', stopReason: 'stop' },
      ],
    ]);
    let loads = 0;
    let now = 0;
    const session = testSession(provider, {
      estimator: async () => {
        loads += 1;
        return wordEstimator;
      },
      // A slow first call (the SDK loading): each clock reading is a second later.
      clock: { nowMs: () => (now += 1_000) },
    });
    const events = await collect(session.send('hi', new AbortController().signal));
    expect(endOf(events).call).toMatchObject({ outcome: 'ok', estimated: false });
    expect(events.filter((e) => e.type === 'progress')).toMatchObject([{ estimated: false }]);
    expect(loads).toBe(0);
  });
});
