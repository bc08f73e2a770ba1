import { lazyTokenEstimator } from '../../../src/core/tokens/estimate';
import { ChatSession } from '../../../src/core/chat/session';
import type { ChatSessionOptions } from '../../../src/core/chat/session-types';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import { MockProvider } from '../../../src/core/providers/mock';
import type { MockScriptStep } from '../../../src/core/providers/mock-script';
import type { ChatEvent } from '../../../src/core/chat/types';
import type { ModelPrice, PriceTable } from '../../../src/core/pricing/types';
import { ProviderError } from '../../../src/core/providers/errors';
import type {
  ChatProvider,
  ProviderEvent,
  ProviderRequest,
} from '../../../src/core/providers/types';
import type { CallRecord, CallSink } from '../../../src/core/usage/types';

/** A one-model price table for tests: 1 USD per 1M input tokens, 4 USD per 1M output tokens. */
export const TEST_PRICE: ModelPrice = {
  id: 'test-model',
  provider: 'openai',
  rates: {
    input: 1_000_000n,
    output: 4_000_000n,
    cacheRead: 100_000n,
    cacheWrite5m: 1_250_000n,
    cacheWrite1h: 2_000_000n,
    inputAudio: 1_000_000n,
    outputAudio: 4_000_000n,
  },
  tiers: [],
  contextWindowTokens: 100_000,
  aliases: [],
  priceDate: null,
  source: null,
  origin: 'user',
  history: [],
  serviceTiers: {},
};

/** A price table holding only {@link TEST_PRICE}. */
export const testPriceTable: PriceTable = {
  resolve: (id) => (id === TEST_PRICE.id ? TEST_PRICE : undefined),
  list: () => [TEST_PRICE],
  listAll: () => [TEST_PRICE],
  data: null,
};

/** A provider that plays a fixed list of events per call and records the requests it got. */
export class ScriptedProvider implements ChatProvider {
  readonly id: string;
  readonly requests: ProviderRequest[] = [];
  readonly #calls: ProviderEvent[][];

  constructor(calls: ProviderEvent[][], id = 'openai') {
    this.#calls = calls;
    this.id = id;
  }

  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncGenerator<ProviderEvent> {
    this.requests.push(request);
    // Like the real adapters: the provider has the request before anything comes back.
    yield { type: 'started' };
    for (const event of this.#calls.shift() ?? []) {
      if (signal.aborted) {
        yield { type: 'error', error: new ProviderError('cancelled', 'Cancelled.') };
        return;
      }
      yield event;
    }
  }
}

/** A sink that keeps what it got, optionally logging into a shared order list. */
export function listSink(order?: string[], name = 'list'): CallSink & { calls: CallRecord[] } {
  const calls: CallRecord[] = [];
  return {
    name,
    calls,
    record(call) {
      order?.push(name);
      calls.push(call);
    },
  };
}

/** A session over `provider` with the test price table; `overrides` replace any option. */
export function testSession(
  provider: ChatProvider,
  overrides: Partial<ChatSessionOptions> = {},
): ChatSession {
  let now = 1_000;
  return new ChatSession({
    sessionId: 'session-1',
    provider,
    providerFactory: () => provider,
    model: 'test-model',
    priceTable: testPriceTable,
    sinks: [],
    mode: 'real',
    clock: { nowMs: () => (now += 10) },
    ...overrides,
  });
}

/** Collects every event of one send. */
export async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** The single `end` event of a send (throws when there is not exactly one). */
export function endOf(events: readonly ChatEvent[]): Extract<ChatEvent, { type: 'end' }> {
  const ends = events.filter((e): e is Extract<ChatEvent, { type: 'end' }> => e.type === 'end');
  if (ends.length !== 1) throw new Error(`expected one end event, got ${ends.length}`);
  return ends[0]!;
}

const mockEstimator = lazyTokenEstimator();

/**
 * A mock-mode session over the mock provider (no pacing, an optional script) and the built-in
 * prices, simulating `model`; `overrides` replace any option.
 */
export function mockChatSession(
  model: string,
  overrides: Partial<ChatSessionOptions> & { readonly script?: MockScriptStep[] } = {},
): ChatSession {
  const { script, ...options } = overrides;
  const provider = new MockProvider({ delayMs: 0, estimator: mockEstimator, script });
  return new ChatSession({
    sessionId: 'mock-session',
    provider,
    providerFactory: () => provider,
    model,
    priceTable: builtinPriceTable(),
    sinks: [],
    mode: 'mock',
    estimator: mockEstimator,
    ...options,
  });
}
