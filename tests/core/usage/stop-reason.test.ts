import { afterAll, describe, expect, it } from 'vitest';
import { lazyTokenEstimator } from '../../../src/core/tokens/estimate';
import { ChatSession } from '../../../src/core/chat/session';
import { openLedger } from '../../../src/core/ledger/ledger';
import { callsOfSession } from '../../../src/core/ledger/sessions';
import { LedgerSink } from '../../../src/core/ledger/recording';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import { MockProvider } from '../../../src/core/providers/mock';
import { type MockScriptStep, parseMockScript } from '../../../src/core/providers/mock-script';
import { cutKindOf, cutMark, emptyReplyNote } from '../../../src/core/usage/stop-reason';
import { summarizeSession } from '../../../src/core/usage/summary';
import { SessionUsageTracker } from '../../../src/core/usage/tracker';
import { renderSessionSummary } from '../../../src/reports/session/summary';
import { collect, endOf } from '../chat/helpers';
import { makeCall, tempDir } from '../ledger/helpers';

const temp = tempDir();
afterAll(() => temp.cleanup());

describe('stop reasons', () => {
  it.each([
    ['max_tokens', 'cut: max tokens'],
    ['length', 'cut: max tokens'],
    ['max_output_tokens', 'cut: max tokens'],
    ['content_filter', 'cut: content filter'],
    ['refusal', 'cut: refusal'],
    ['model_context_window_exceeded', 'cut: context window'],
    ['incomplete', 'cut: incomplete'],
    ['end_turn', null],
    ['stop', null],
    ['tool_use', null],
    ['completed', null],
    [null, null],
  ])('%s marks the usage line with %s', (reason, mark) => {
    expect(cutMark(reason)).toBe(mark);
  });

  it('says nothing about an empty reply that failed, or a reply with text', () => {
    const usage = { outputTokens: 5, reasoningTokens: 0 };
    expect(emptyReplyNote({ outcome: 'failed', usage }, '')).toBeNull();
    expect(emptyReplyNote({ outcome: 'ok', usage }, 'hi')).toBeNull();
    expect(emptyReplyNote({ outcome: 'ok', usage, stopReason: 'content_filter' }, ' \n')).toBe(
      'The reply has no text. It stopped early: content filter. Its 5 output tokens are billed.',
    );
  });
});

describe('the ledger and the summary', () => {
  it('stores each call\'s stop reason and reads it back (null when not said)', () => {
    const ledger = openLedger(`${temp.dir}/stops.db`, { chatmeterVersion: 'test' });
    const sink = new LedgerSink(ledger, 'real');
    sink.record(makeCall({ sessionId: 's', callId: 'a', stopReason: 'max_tokens', endedAtMs: 1 }));
    sink.record(makeCall({ sessionId: 's', callId: 'b', stopReason: 'end_turn', endedAtMs: 2 }));
    sink.record(makeCall({ sessionId: 's', callId: 'c', endedAtMs: 3 }));
    const stops = callsOfSession(ledger.db, 's').map((call) => call.stopReason);
    ledger.close();
    expect(stops).toEqual(['max_tokens', 'end_turn', null]);
  });

  it('adds a note to the summary when any reply was cut, by kind', () => {
    const tracker = new SessionUsageTracker({ sessionId: 's', startedAtMs: 0, mode: 'real' });
    tracker.record(makeCall({ callId: 'a', stopReason: 'length' }));
    tracker.record(makeCall({ callId: 'b', stopReason: 'max_tokens' }));
    tracker.record(makeCall({ callId: 'c', stopReason: 'refusal' }));
    tracker.record(makeCall({ callId: 'd', stopReason: 'stop' }));
    const text = renderSessionSummary(summarizeSession(tracker.snapshot(), 1000), 'table', {
      color: false,
    });
    expect(text).toContain(
      'Cut short: 3 of 4 calls stopped early (max tokens 2, refusal 1); raise --max-tokens for longer replies',
    );
  });

  it('has no such note when every reply ended normally', () => {
    const tracker = new SessionUsageTracker({ sessionId: 's', startedAtMs: 0, mode: 'real' });
    tracker.record(makeCall({ stopReason: 'end_turn' }));
    const text = renderSessionSummary(summarizeSession(tracker.snapshot(), 1000), 'table', {
      color: false,
    });
    expect(text).not.toContain('Cut short');
  });
});

describe('the mock provider', () => {
  const priceTable = builtinPriceTable();
  const estimator = lazyTokenEstimator();
  async function send(script: MockScriptStep[], maxTokens?: number) {
    const provider = new MockProvider({ delayMs: 0, estimator, script });
    const session = new ChatSession({
      sessionId: 'mock',
      provider,
      providerFactory: () => provider,
      model: 'mock',
      priceTable,
      sinks: [],
      mode: 'mock',
      ...(maxTokens === undefined ? {} : { maxTokens }),
    });
    return endOf(await collect(session.send('tell me a story', new AbortController().signal)));
  }

  it('stops a reply at --max-tokens, reporting that many output tokens and max_tokens', async () => {
    const whole = await send([]);
    const cut = await send([], 12);
    expect(whole.call.stopReason).toBe('end_turn');
    expect(whole.call.usage.outputTokens).toBeGreaterThan(12);
    expect(cut.call.stopReason).toBe('max_tokens');
    expect(cut.call.usage.outputTokens).toBe(12);
    expect(whole.reply.startsWith(cut.reply)).toBe(true);
    expect(cut.reply.length).toBeLessThan(whole.reply.length);
    expect(cutKindOf(cut.call.stopReason)).toBe('max_tokens');
  });

  it('ends a scripted reply with the scripted stop reason', async () => {
    const [step] = parseMockScript('[{"reply": "I cannot help", "stopReason": "refusal"}]', 'f');
    const end = await send([step!]);
    expect(end.reply).toBe('I cannot help');
    expect(end.call.stopReason).toBe('refusal');
  });

  it('scripts a reply that is only thinking', async () => {
    const [step] = parseMockScript('[{"reply": "", "reasoningTokens": 40}]', 'f');
    const end = await send([step!]);
    expect(end.reply).toBe('');
    expect(end.call.usage).toMatchObject({ outputTokens: 40, reasoningTokens: 40 });
    expect(emptyReplyNote(end.call, end.reply)).toBe(
      'The reply has no text (only thinking). Its 40 output tokens are billed.',
    );
  });

  it('refuses a script whose stop reason is not text', () => {
    expect(() => parseMockScript('[{"stopReason": 3}]', 'f.json')).toThrow(
      'step 0.stopReason must be a stop reason such as "max_tokens"',
    );
  });
});
