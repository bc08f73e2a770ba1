import { describe, expect, it } from 'vitest';
import { SessionUsageTracker } from '../../src/core/usage/tracker';
import type { CallRecord } from '../../src/core/usage/types';
import { fitSegments, StatusBar, statusSegments } from '../../src/ui/components/status-bar';
import { deriveStatus, type StatusInputs } from '../../src/ui/status';
import { render } from '../helpers/render';

const USAGE = {
  inputTokens: 900,
  cacheReadTokens: 100,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  outputTokens: 250,
  reasoningTokens: 0,
};

function tracker(mode: 'real' | 'mock', calls: Partial<CallRecord>[]): SessionUsageTracker {
  const t = new SessionUsageTracker({ sessionId: 's', startedAtMs: 0, mode });
  for (const [i, c] of calls.entries()) {
    t.record({
      callId: `c${i}`,
      sessionId: 's',
      provider: 'openai',
      model: 'gpt-4o',
      outcome: 'ok',
      usage: USAGE,
      estimated: false,
      costPicoUsd: 3_500_000_000n,
      simulatedCostPicoUsd: null,
      cacheSavingsPicoUsd: 0n,
      latencyMs: 10,
      errorKind: null,
      endedAtMs: 0,
      ...c,
    });
  }
  return t;
}

function inputs(overrides: Partial<StatusInputs> & Pick<StatusInputs, 'snapshot'>): StatusInputs {
  return {
    provider: 'openai',
    model: 'gpt-4o',
    contextWindowTokens: 128_000,
    contextTokens: 1250,
    turn: null,
    ...overrides,
  };
}

async function bar(input: StatusInputs, width = 100): Promise<string> {
  const ui = render(<StatusBar figures={deriveStatus(input)} width={width} />);
  const frame = await ui.waitForFrame((f) => f.trim() !== '');
  ui.unmount();
  return frame.trim();
}

describe('the status bar', () => {
  it('shows provider/model, context used, session tokens, session and last turn cost', async () => {
    const snapshot = tracker('real', [{}, {}]).snapshot();
    expect(await bar(inputs({ snapshot }))).toBe(
      'openai/gpt-4o | ctx 1.0% | in 2,000 out 500 | session $0.007 | last $0.0035',
    );
  });

  it('shows the least the next turn costs and the context it fills, before the user types', async () => {
    const snapshot = tracker('real', [{}, {}]).snapshot();
    const nextTurn = {
      promptTokens: 6400,
      usage: { ...USAGE, inputTokens: 400, cacheReadTokens: 6000, outputTokens: 0 },
      costPicoUsd: 2_500_000_000n,
      contextWindowTokens: 128_000,
      estimated: false,
    };
    expect(await bar(inputs({ snapshot, nextTurn }), 120)).toBe(
      'openai/gpt-4o | ctx 5.0% | in 2,000 out 500 | session $0.007 | last $0.0035 | next ≥$0.0025',
    );
    // A counted (resumed) conversation is an estimate; the figure hides while a reply streams.
    const counted = { ...nextTurn, estimated: true };
    expect(await bar(inputs({ snapshot, nextTurn: counted }), 120)).toContain('next ~≥$0.0025');
    const progress = { usage: USAGE, estimated: true, costPicoUsd: 1n, simulatedCostPicoUsd: null };
    expect(await bar(inputs({ snapshot, nextTurn, turn: { progress } }), 120)).not.toContain('next');
  });

  it('adds the streaming reply as an estimate marked ~ until it is recorded', async () => {
    const snapshot = tracker('real', [{}]).snapshot();
    const progress = {
      usage: { ...USAGE, outputTokens: 50 },
      estimated: true,
      costPicoUsd: 3_000_000_000n,
      simulatedCostPicoUsd: null,
    };
    expect(await bar(inputs({ snapshot, turn: { progress } }))).toBe(
      'openai/gpt-4o | ctx ~0.8% | in ~2,000 out ~300 | session ~$0.0065 | last ~$0.003',
    );
    const exact = { ...progress, estimated: false };
    expect(await bar(inputs({ snapshot, turn: { progress: exact } }))).toBe(
      'openai/gpt-4o | ctx 0.8% | in 2,000 out 300 | session $0.0065 | last $0.003',
    );
  });

  it('keeps ~ on session figures that include a recorded estimate (a cancelled reply)', async () => {
    const snapshot = tracker('real', [{}, { outcome: 'aborted', estimated: true }]).snapshot();
    expect(await bar(inputs({ snapshot }))).toBe(
      'openai/gpt-4o | ctx 1.0% | in ~2,000 out ~500 | session ~$0.007 | last ~$0.0035',
    );
    const later = tracker('real', [{ outcome: 'aborted', estimated: true }, {}]).snapshot();
    expect(await bar(inputs({ snapshot: later }))).toBe(
      'openai/gpt-4o | ctx 1.0% | in ~2,000 out ~500 | session ~$0.007 | last $0.0035',
    );
  });

  it('says MOCK and shows simulated cost in mock mode', async () => {
    const snapshot = tracker('mock', [
      { provider: 'mock', costPicoUsd: 0n, simulatedCostPicoUsd: 3_500_000_000n },
    ]).snapshot();
    expect(await bar(inputs({ snapshot, provider: 'mock' }))).toBe(
      'MOCK | mock/gpt-4o | ctx 1.0% | in 1,000 out 250 | session sim $0.0035 | last sim $0.0035',
    );
  });

  it('marks a mock simulation of a model without a price: sim unpriced, sim ≥ for the session', async () => {
    const mock = { provider: 'mock', costPicoUsd: 0n };
    const priced = { ...mock, simulatedCostPicoUsd: 3_500_000_000n };
    const unpriced = { ...mock, model: 'llama3', simulatedCostPicoUsd: null };
    const view = (calls: Partial<CallRecord>[], model: string) =>
      bar(
        inputs({
          snapshot: tracker('mock', calls).snapshot(),
          provider: 'mock',
          model,
          contextWindowTokens: null,
        }),
      );
    expect(await view([priced, unpriced], 'llama3')).toBe(
      'MOCK | mock/llama3 | in 2,000 out 500 | session sim ≥$0.0035 | last sim unpriced',
    );
    expect(await view([unpriced], 'llama3')).toBe(
      'MOCK | mock/llama3 | in 1,000 out 250 | session sim unpriced | last sim unpriced',
    );
    expect(await view([{ ...mock, model: 'mock' }], 'mock')).toBe(
      'MOCK | mock/mock | in 1,000 out 250 | session $0 | last $0',
    );
  });

  it('says unpriced for a model without a price, and ≥ for a partly priced session', async () => {
    const snapshot = tracker('real', [{}, { model: 'my-model', costPicoUsd: null }]).snapshot();
    expect(
      await bar(
        inputs({ snapshot, model: 'my-model', contextWindowTokens: null, contextTokens: 1250 }),
      ),
    ).toBe('openai/my-model | in 2,000 out 500 | session ≥$0.0035 | last unpriced');
  });

  it.each([
    ['ok', 'budget 10%', 'budget 10%'],
    ['warn', 'budget 80%', 'budget 80% warn'],
    ['alert', 'budget 92%', 'budget 92% alert'],
    ['over', 'budget 121%', 'budget 121% over'],
  ] as const)('names the budget state %s in words, not by colour alone', async (state, text, shown) => {
    const snapshot = tracker('real', []).snapshot();
    const frame = await bar(inputs({ snapshot, budget: { state, text } }));
    expect(frame).toBe(`openai/gpt-4o | ctx 1.0% | in 0 out 0 | session $0.00 | ${shown}`);
  });

  it('drops the least important figures first on a narrow terminal', () => {
    const snapshot = tracker('real', [{}]).snapshot();
    const segments = statusSegments(deriveStatus(inputs({ snapshot })));
    expect(fitSegments(segments, 60).map((s) => s.text)).toEqual([
      'openai/gpt-4o',
      'in 1,000 out 250',
      'session $0.0035',
    ]);
    expect(fitSegments(segments, 10).map((s) => s.text)).toEqual(['openai/gpt-4o']);
  });

  it.each(['warn', 'alert', 'over'] as const)(
    'keeps a budget at %s on a 60-column terminal, before the session cost',
    (state) => {
      const snapshot = tracker('real', [{}]).snapshot();
      const figures = deriveStatus(
        inputs({
          snapshot,
          provider: 'anthropic',
          model: 'claude-haiku-4-5',
          budget: { state, text: 'budget 146% session' },
        }),
      );
      expect(fitSegments(statusSegments(figures), 60).map((s) => s.text)).toEqual([
        'anthropic/claude-haiku-4-5',
        `budget 146% session ${state}`,
      ]);
    },
  );
});
