import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCost } from '../../src/cli/cost';
import { UsageError } from '../../src/core/errors';
import { captureIo, runBuiltCli, tempDir, writeJson } from './cost-io';

interface CostCase {
  readonly id: string;
  readonly source: string;
  readonly model: string;
  readonly provider: string;
  readonly usage: unknown;
  readonly pricing: unknown;
  readonly expectedCostUsd: string;
}

const cases: CostCase[] = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/cost-cases.json'), 'utf8'),
);

describe('chatmeter cost --json on the shared cost cases', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('$id prices $model at exactly $expectedCostUsd', async (costCase) => {
    const dir = tempDir();
    const pricing = writeJson(dir, 'pricing.json', costCase.pricing);
    const io = captureIo({ home: dir });
    const code = await runCost(
      {
        model: costCase.model,
        provider: costCase.provider,
        usage: JSON.stringify(costCase.usage),
        pricing,
        json: true,
      },
      io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.costUsd).toBe(costCase.expectedCostUsd);
    expect(report.priced).toBe(true);
    expect(io.err()).toBe('');
  });
});

describe('chatmeter cost', () => {
  it('prints the DESIGN §4 JSON shape with the tier and exact breakdown', async () => {
    const io = captureIo();
    await runCost(
      {
        model: 'claude-sonnet-4-5-20250929',
        usage: JSON.stringify({
          input_tokens: 150000,
          cache_read_input_tokens: 60000,
          output_tokens: 1000,
        }),
        json: true,
      },
      io,
    );
    expect(JSON.parse(io.out())).toEqual({
      model: 'claude-sonnet-4-5-20250929',
      resolvedModel: 'claude-sonnet-4-5',
      priced: true,
      costUsd: '0.9585',
      costSource: 'list',
      listCostUsd: '0.9585',
      providerCostUsd: null,
      serviceTier: null,
      at: null,
      usage: {
        inputTokens: 150000,
        cacheReadTokens: 60000,
        cacheWrite5mTokens: 0,
        cacheWrite1hTokens: 0,
        outputTokens: 1000,
        reasoningTokens: 0,
      },
      breakdownUsd: {
        input: '0.9',
        cacheRead: '0.036',
        cacheWrite5m: '0',
        cacheWrite1h: '0',
        output: '0.0225',
      },
      tier: 200000,
    });
  });

  it('reads the usage from stdin and unwraps a whole response body', async () => {
    const body = { id: 'chatcmpl-1', usage: { prompt_tokens: 1000, completion_tokens: 100 } };
    const io = captureIo({ stdin: JSON.stringify(body) });
    await runCost({ model: 'gpt-4o', json: true }, io);
    expect(JSON.parse(io.out()).costUsd).toBe('0.0035');
  });

  it('unwraps a Responses stream event carrying the usage in its response', async () => {
    const event = {
      type: 'response.completed',
      response: {
        usage: {
          input_tokens: 1000,
          output_tokens: 100,
          output_tokens_details: { reasoning_tokens: 64 },
        },
      },
    };
    const io = captureIo({ stdin: JSON.stringify(event) });
    await runCost({ model: 'gpt-5-mini', json: true }, io);
    expect(JSON.parse(io.out())).toMatchObject({
      costUsd: '0.00045',
      usage: { inputTokens: 1000, outputTokens: 100, reasoningTokens: 64 },
    });
  });

  it('refuses empty stdin with a hint', async () => {
    await expect(runCost({ model: 'gpt-5' }, captureIo({ stdin: '  \n' }))).rejects.toThrow(
      'no usage on stdin',
    );
  });

  it('reads the usage from --usage-file', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'usage.json', { input_tokens: 10, output_tokens: 10 });
    const io = captureIo({ home: dir });
    await runCost({ model: 'claude-haiku-4-5', usageFile: file, json: true }, io);
    expect(JSON.parse(io.out()).costUsd).toBe('0.00006');
  });

  it('prints a readable table with exact figures and what caching saved', async () => {
    const io = captureIo();
    await runCost(
      {
        model: 'gpt-5',
        usage: JSON.stringify({
          prompt_tokens: 42122,
          completion_tokens: 50,
          prompt_tokens_details: { cached_tokens: 16000 },
          completion_tokens_details: { reasoning_tokens: 20 },
        }),
      },
      io,
    );
    expect(io.out()).toBe(
      [
        'model  gpt-5',
        '',
        'bucket                 tokens  per 1M        cost',
        'input                  26,122   $1.25  $0.0326525',
        'cache read             16,000  $0.125      $0.002',
        'cache write 5m              0   $1.25       $0.00',
        'cache write 1h              0   $1.25       $0.00',
        'output (20 reasoning)      50  $10.00     $0.0005',
        'total                  42,172          $0.0351525',
        '',
        'cache saved $0.018 against the uncached input rate',
        '',
      ].join('\n'),
    );
  });

  it('leaves an unknown model unpriced, exits 0 and says how to add a price', async () => {
    const io = captureIo();
    const code = await runCost(
      { model: 'llama3.1:8b', usage: '{"prompt_tokens": 10, "completion_tokens": 5}', json: true },
      io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({
      priced: false,
      costUsd: null,
      resolvedModel: null,
      breakdownUsd: null,
    });
    expect(report.usage.inputTokens).toBe(10);
    expect(io.err()).toContain('no price for model "llama3.1:8b"');
    expect(io.err()).toContain('--pricing FILE');
    expect(io.err()).toContain('{"models": {"llama3.1:8b": {"provider": "openai", "input": 1.25');
  });

  it.each([
    [{ model: 'claude-future-9' }, 'anthropic'],
    [{ model: 'anthropic/some-model' }, 'anthropic'],
    [{ model: 'grok-9', provider: 'xai' }, 'xai'],
  ])('names the provider of %o in the example price it suggests', async (flags, provider) => {
    const io = captureIo();
    await runCost({ ...flags, usage: '{"input_tokens": 10, "output_tokens": 5}' }, io);
    const example = /e\.g\. (\{.*\}) \(USD/.exec(io.err())?.[1];
    expect(JSON.parse(example ?? 'null')).toEqual({
      models: { [flags.model]: { provider, input: 1.25, output: 10 } },
    });
  });

  it('writes normalisation warnings to stderr', async () => {
    const io = captureIo();
    await runCost(
      {
        model: 'gpt-4o',
        usage:
          '{"prompt_tokens": 5, "completion_tokens": 1, "prompt_tokens_details": {"cached_tokens": 9}}',
      },
      io,
    );
    expect(io.err()).toMatch(/^chatmeter: warning: .*do not add up/);
  });

  it.each([
    [{ usage: '[1]' }, 'must be a JSON object with token counts, got an array'],
    [{ usage: '{"prompt_tokens": -3}' }, 'prompt_tokens must be a whole number >= 0, got -3'],
    [{ usage: '{"input_tokens": 2.5}' }, 'input_tokens must be a whole number >= 0, got 2.5'],
    [{ usage: '{oops' }, 'the usage from --usage is not valid JSON'],
    [{ usage: '{}', usageFile: 'x.json' }, 'either --usage or --usage-file'],
    [
      { usageFile: '/nonexistent/usage.json' },
      'cannot read --usage-file /nonexistent/usage.json (no such file)',
    ],
    [{}, 'no usage given'],
    [{ usage: '{"prompt_tokens": 1}', provider: 'cohere' }, 'unknown --provider "cohere"'],
  ])('refuses %j with a UsageError: %s', async (options, message) => {
    const run = runCost({ model: 'gpt-4o', ...options }, captureIo());
    await expect(run).rejects.toThrow(UsageError);
    await expect(runCost({ model: 'gpt-4o', ...options }, captureIo())).rejects.toThrow(message);
  });
});

describe('the built CLI', () => {
  it('prices a usage object passed with --usage', () => {
    const result = runBuiltCli([
      'cost',
      '--model',
      'gpt-4o-mini',
      '--usage',
      '{"prompt_tokens":14,"completion_tokens":10}',
      '--json',
    ]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).costUsd).toBe('0.0000081');
  });

  it.each([
    [
      ['--usage', '"hello"'],
      'chatmeter: the usage must be a JSON object with token counts, got a string\n',
    ],
    [
      ['--usage', '{"completion_tokens":-1}'],
      'chatmeter: usage field completion_tokens must be a whole number >= 0, got -1\n',
    ],
    [
      ['--usage', '{"prompt_tokens":"ten"}'],
      'chatmeter: usage field prompt_tokens must be a number, got "ten"\n',
    ],
  ])('exits 2 with one clear line for %j', (args, stderr) => {
    const result = runBuiltCli(['cost', '--model', 'gpt-4o', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(stderr);
  });

  it('exits 2 naming the file and key path of a malformed pricing file', () => {
    const file = writeJson(tempDir(), 'prices.json', {
      models: { 'my-model': { provider: 'openai', input: 1, output: 2, tiers: [{ above: -5 }] } },
    });
    const result = runBuiltCli([
      'cost',
      '--model',
      'my-model',
      '--usage',
      '{"prompt_tokens":1}',
      '--pricing',
      file,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `chatmeter: ${file}: models.my-model.tiers[0].above must be a positive integer\n`,
    );
  });

  it('exits 2 for a pricing file that is not JSON', () => {
    const file = writeJson(tempDir(), 'prices.json', '{"models": ');
    const result = runBuiltCli([
      'cost',
      '--model',
      'gpt-4o',
      '--usage',
      '{"prompt_tokens":1}',
      '--pricing',
      file,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^chatmeter: ${file}: not valid JSON \\(.*\\)\\n$`));
  });

  it('reads the usage from stdin', () => {
    const result = runBuiltCli(
      ['cost', '--model', 'claude-3-5-haiku-latest', '--json'],
      '{"input_tokens":1000,"output_tokens":1000}',
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).costUsd).toBe('0.0048');
  });
});

describe('chatmeter cost without --model', () => {
  it('prices a whole response body as the model it names', async () => {
    // gpt-4o at $2.50 in / $10 out (OpenAI pricing page): 1000 x 2.5 + 100 x 10 = 3,500 micro-USD.
    const body = { model: 'gpt-4o-2024-08-06', usage: { prompt_tokens: 1000, completion_tokens: 100 } };
    const io = captureIo({ stdin: JSON.stringify(body) });
    expect(await runCost({ json: true }, io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({
      model: 'gpt-4o-2024-08-06',
      resolvedModel: 'gpt-4o',
      costUsd: '0.0035',
    });
  });

  it('asks for --model when a bare usage object names none', async () => {
    const io = captureIo({ stdin: '{"prompt_tokens":10,"completion_tokens":5}' });
    await expect(runCost({}, io)).rejects.toThrow(/^no model: pass --model ID/);
  });

  it('refuses a model id with control characters from the body', async () => {
    const body = { model: 'gpt-4o\u001b[2J', usage: { prompt_tokens: 1, completion_tokens: 1 } };
    await expect(runCost({}, captureIo({ stdin: JSON.stringify(body) }))).rejects.toThrow(UsageError);
  });
});

describe('chatmeter cost --at', () => {
  it.each(['2026-13-01', '2026-02-30', 'yesterday'])('refuses %s in one line (exit 2)', async (at) => {
    const io = captureIo({ stdin: '{"prompt_tokens":1,"completion_tokens":1}' });
    await expect(runCost({ model: 'gpt-5', at }, io)).rejects.toThrow(/^--at must be a date such as 2026-03-13/);
  });
});
