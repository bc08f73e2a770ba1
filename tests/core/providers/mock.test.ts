import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokenEstimator } from '../../../src/core/tokens/estimate';
import { createMockProvider } from '../../../src/core/providers/create';
import { MockProvider, mockDelayFromEnv } from '../../../src/core/providers/mock';
import { chunkReply, mockReplyFor } from '../../../src/core/providers/mock-reply';
import { loadMockScript, parseMockScript } from '../../../src/core/providers/mock-script';
import type { ProviderEvent } from '../../../src/core/providers/types';
import { collect, endOf, mockChatSession } from '../chat/helpers';

const estimator = () => loadTokenEstimator();

async function events(provider: MockProvider, text: string): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  const request = { model: 'mock', messages: [{ role: 'user' as const, content: text }] };
  for await (const event of provider.stream(request, new AbortController().signal)) out.push(event);
  return out;
}

function mockSession(
  model: string,
  script?: ConstructorParameters<typeof MockProvider>[0]['script'],
) {
  return mockChatSession(model, { script });
}

describe('mock replies', () => {
  it('are deterministic, readable markdown with a fenced code block', () => {
    const reply = mockReplyFor('How do I sort a list?');
    expect(mockReplyFor('How do I sort a list?')).toBe(reply);
    expect(mockReplyFor('Something else entirely')).not.toBe(reply);
    expect(reply).toContain('**6 words**');
    expect(reply).toMatch(/```(ts|python|sh)\n[\s\S]+\n```/);
    expect(reply).toMatch(/^- characters: 21$/m);
  });

  it('stream in chunks that join back into the reply', () => {
    const reply = mockReplyFor('hello world');
    const chunks = chunkReply(reply);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join('')).toBe(reply);
  });
});

describe('MockProvider', () => {
  it('reports usage counted with the o200k tokenizer, like a provider would', async () => {
    const tokenizer = await loadTokenEstimator();
    const out = await events(new MockProvider({ delayMs: 0, estimator }), 'hello');
    const reply = out.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    expect(reply).toBe(mockReplyFor('hello'));
    const usage = out.find((e) => e.type === 'usage');
    expect(usage).toEqual({
      type: 'usage',
      usage: {
        inputTokens: tokenizer.countPromptTokens(undefined, [{ role: 'user', content: 'hello' }]),
        cacheReadTokens: 0,
        cacheWrite5mTokens: 0,
        cacheWrite1hTokens: 0,
        outputTokens: tokenizer.countTokens(reply),
        reasoningTokens: 0,
      },
    });
    expect(out.at(-1)).toEqual({ type: 'done', stopReason: 'end_turn' });
  });

  it('answers /long N with a reply of about N tokens', async () => {
    const session = mockSession('mock');
    const end = endOf(await collect(session.send('/long 2000', new AbortController().signal)));
    expect(end.call.usage.outputTokens).toBeGreaterThanOrEqual(1990);
    expect(end.call.usage.outputTokens).toBeLessThanOrEqual(2010);
  });

  it('costs nothing as `mock`, and simulates a real model without charging it', async () => {
    const plain = endOf(
      await collect(mockSession('mock').send('hi', new AbortController().signal)),
    );
    expect(plain.call).toMatchObject({
      provider: 'mock',
      costPicoUsd: 0n,
      simulatedCostPicoUsd: null,
    });
    const simulated = endOf(
      await collect(mockSession('gpt-4o-mini').send('hi', new AbortController().signal)),
    );
    const { inputTokens, outputTokens } = simulated.call.usage;
    // gpt-4o-mini: 0.15 / 0.60 USD per 1M tokens = 150,000 / 600,000 pico-USD per token
    expect(simulated.call.costPicoUsd).toBe(0n);
    expect(simulated.call.simulatedCostPicoUsd).toBe(
      BigInt(inputTokens) * 150_000n + BigInt(outputTokens) * 600_000n,
    );
  });

  it('plays a script: a reply, an error before output, a cut stream, a reply without usage', async () => {
    const session = mockSession('mock', [
      { reply: 'scripted answer' },
      { error: { kind: 'rate_limit', status: 429, retryAfterSeconds: 7 } },
      { reply: 'this reply gets cut', cutAfterChars: 9 },
      { reply: 'no usage here', usage: false },
    ]);
    const send = async () => endOf(await collect(session.send('x', new AbortController().signal)));
    const first = await send();
    expect(first).toMatchObject({ reply: 'scripted answer', call: { outcome: 'ok' } });
    const second = await send();
    expect(second.call).toMatchObject({ outcome: 'failed', errorKind: 'rate_limit' });
    expect(second.error?.message).toBe(
      'Rate limit or quota reached at the mock provider (429). Retry in 7s, or check your plan and billing.',
    );
    const third = await send();
    expect(third).toMatchObject({
      reply: 'this repl',
      call: { outcome: 'aborted', estimated: true },
    });
    const fourth = await send();
    expect(fourth.call).toMatchObject({ outcome: 'ok', estimated: true });
    const fifth = await send();
    // The failed call added nothing to the history; the other three (one cut) did.
    expect(fifth.reply).toBe(mockReplyFor('x', 3));
    expect(fifth.reply).toContain('- earlier turns in this conversation: 3\n');
  });

  it('stops with a cancelled error when the signal aborts during the delay', async () => {
    const provider = new MockProvider({ delayMs: 5, estimator });
    const controller = new AbortController();
    const seen: ProviderEvent[] = [];
    const request = { model: 'mock', messages: [{ role: 'user' as const, content: 'hello' }] };
    for await (const event of provider.stream(request, controller.signal)) {
      seen.push(event);
      if (event.type === 'text') controller.abort();
    }
    expect(seen.filter((e) => e.type === 'text')).toHaveLength(1);
    expect(seen.at(-1)).toMatchObject({ type: 'error', error: { kind: 'cancelled' } });
  });
});

describe('mock configuration', () => {
  it('reads CHATMETER_MOCK_DELAY_MS, falling back to 15 ms', () => {
    expect(mockDelayFromEnv('0')).toBe(0);
    expect(mockDelayFromEnv('40')).toBe(40);
    expect(mockDelayFromEnv(undefined)).toBe(15);
    expect(mockDelayFromEnv('fast')).toBe(15);
    expect(mockDelayFromEnv('-1')).toBe(15);
  });

  it('loads CHATMETER_MOCK_SCRIPT, as an array or {steps}', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatmeter-mock-'));
    const file = join(dir, 'script.json');
    writeFileSync(
      file,
      '{"steps": [{"reply": "a"}, {"error": {"kind": "overloaded", "status": 529}, "afterChars": 3}]}',
    );
    expect(loadMockScript(file)).toEqual([
      {
        reply: 'a',
        error: undefined,
        afterChars: undefined,
        cutAfterChars: undefined,
        usage: undefined,
        notices: undefined,
      },
      {
        reply: undefined,
        error: {
          kind: 'overloaded',
          status: 529,
          message: undefined,
          retryAfterSeconds: undefined,
        },
        afterChars: 3,
        cutAfterChars: undefined,
        usage: undefined,
        notices: undefined,
      },
    ]);
    expect(() =>
      createMockProvider({ CHATMETER_MOCK_SCRIPT: join(dir, 'missing.json') }, estimator),
    ).toThrow(/CHATMETER_MOCK_SCRIPT .*missing\.json: cannot be read \(ENOENT\)/);
  });

  it.each([
    ['not json', /not valid JSON/],
    ['{"nope": 1}', /no array of steps/],
    ['[{"error": {"kind": "teapot"}}]', /step 0\.error\.kind must be one of auth, rate_limit/],
    ['[{"reply": 3}]', /step 0\.reply must be a string/],
    ['[{"cutAfterChars": -2}]', /step 0\.cutAfterChars must be a non-negative integer/],
  ])('rejects a bad script %s with one clear line', (text, message) => {
    expect(() => parseMockScript(text, 'script.json')).toThrow(message);
  });
});
