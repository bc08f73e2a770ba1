import OpenAI from 'openai';
import { ChatSession } from '../src/core/chat/session';
import { builtinPriceTable } from '../src/core/pricing/table';
import { OpenAiProvider } from '../src/core/providers/openai';
import type { SdkFetch } from '../src/core/providers/sdk-fetch';
import { SessionUsageTracker } from '../src/core/usage/tracker';
import { median } from './measure';

/** Calls per batch; one batch is timed as a whole. */
export const BATCH_CALLS = 100;
/** Untimed calls first (JIT, connection pool, SDK import). */
const WARMUP_CALLS = 500;
const KEY = 'sk-bench-not-a-key';

/** Which loop a worker runs: plain SDK calls, or calls through a metered chat session. */
export type LoopKind = 'bare' | 'metered';

/** The two loops over one server (or one stubbed `fetch`), and the session's tracker. */
function makeLoops(baseUrl: string, fetch?: SdkFetch) {
  const client = new OpenAI({ apiKey: KEY, baseURL: baseUrl, maxRetries: 2, fetch });
  const messages = [{ role: 'user' as const, content: 'hi' }];
  // The bare loop sends what the adapter sends, with an AbortSignal per call as any chat that
  // can cancel a reply must; the difference is the metering (events, usage, cost, tracker).
  const bare = async () => {
    const completion = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages },
      { signal: new AbortController().signal },
    );
    if (!completion.usage) throw new Error('no usage');
  };
  const provider = new OpenAiProvider({ apiKey: KEY, baseUrl, api: 'chat', stream: false, fetch });
  const tracker = new SessionUsageTracker({ sessionId: 'b', startedAtMs: Date.now(), mode: 'real' });
  const session = new ChatSession({
    sessionId: 'b',
    provider,
    providerFactory: () => provider,
    model: 'gpt-4o-mini',
    priceTable: builtinPriceTable(),
    sinks: [tracker],
    mode: 'real',
  });
  const metered = async () => {
    session.clear();
    for await (const event of session.send('hi', new AbortController().signal)) {
      if (event.type === 'end' && event.call.outcome !== 'ok') throw new Error('call failed');
    }
  };
  return { bare, metered, tracker };
}

/** CPU microseconds per call of `calls` calls made one after the other. */
async function batchUs(call: () => Promise<void>, calls: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await call();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

/**
 * The worker of the metering bench, in a process of its own that only makes the calls (the
 * replay server runs in the parent, so its CPU time is not counted): non-streamed calls to
 * `baseUrl`, either bare SDK calls or calls metered by a ChatSession with a tracker, never both
 * in one process (with real HTTP they skew each other there: the bare loop measured 25% dearer
 * than the metered one). Returns the CPU microseconds per call of each timed batch.
 */
export async function meteringLoop(
  baseUrl: string,
  kind: LoopKind,
  batches: number,
): Promise<number[]> {
  const loops = makeLoops(baseUrl);
  const call = kind === 'bare' ? loops.bare : loops.metered;
  await batchUs(call, WARMUP_CALLS);
  const times: number[] = [];
  for (let batch = 0; batch < batches; batch++) times.push(await batchUs(call, BATCH_CALLS));
  const expected = kind === 'bare' ? 0 : WARMUP_CALLS + batches * BATCH_CALLS;
  if (loops.tracker.snapshot().totals.calls.ok !== expected) throw new Error('missed calls');
  return times;
}

/**
 * The cost of the metering code alone: both loops in this process over a `fetch` stub that
 * answers with `body` (no socket, no server), in batches alternating bare/metered then
 * metered/bare. Returns the median difference, metered minus bare, CPU microseconds per call.
 */
export async function meteringCodeUs(body: string, rounds: number): Promise<number> {
  const stub: SdkFetch = async () =>
    new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  const { bare, metered } = makeLoops('http://127.0.0.1:9/v1', stub);
  await batchUs(bare, WARMUP_CALLS);
  await batchUs(metered, WARMUP_CALLS);
  const differences: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const [first, second] = round % 2 === 0 ? [bare, metered] : [metered, bare];
    const firstUs = await batchUs(first, BATCH_CALLS * 5);
    const secondUs = await batchUs(second, BATCH_CALLS * 5);
    differences.push(first === metered ? firstUs - secondUs : secondUs - firstUs);
  }
  return median(differences);
}
