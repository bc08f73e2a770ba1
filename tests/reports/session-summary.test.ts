import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SessionUsageTracker } from '../../src/core/usage/tracker';
import { renderSessionSummary } from '../../src/reports/session/summary';
import { renderUsageTable } from '../../src/reports/session/model-table';
import { makeCall } from '../core/usage/tracker-fixtures';
import {
  estimatedCall,
  mockCalls,
  realCalls,
  summaryOf,
  unpricedCall,
} from './session-summary-fixtures';

const plain = { color: false } as const;

describe('session summary as a table', () => {
  it('shows one row per model, a totals row and what caching saved', () => {
    expect(renderSessionSummary(summaryOf(realCalls), 'table', plain)).toMatchInlineSnapshot(`
      "Session a1b2c3d4  3m 12s
      provider   model              ok  failed  uncached  cache read  cache write  output (reasoning)     cost
      openai     gpt-5-mini          1       0    12,345       8,000            0       2,100 (1,024)  $0.0074
      anthropic  claude-sonnet-4-5   1       1     1.52M           0        2,000                 300    $4.57
      --------------------------------------------------------------------------------------------------------
      total                          2       1     1.53M       8,000        2,000       2,400 (1,024)    $4.57

      Cache saved $0.0018 (0.5% of prompt tokens read from cache)
      "
    `);
  });

  it('marks an unpriced model and gives one line on how to add a price', () => {
    const text = renderSessionSummary(summaryOf([...realCalls, unpricedCall]), 'table', plain);
    expect(text).toMatchInlineSnapshot(`
      "Session a1b2c3d4  3m 12s
      provider   model              ok  failed  uncached  cache read  cache write  output (reasoning)      cost
      openai     gpt-5-mini          1       0    12,345       8,000            0       2,100 (1,024)   $0.0074
      anthropic  claude-sonnet-4-5   1       1     1.52M           0        2,000                 300     $4.57
      openai     my-local-model      1       0        50           0            0                  20  unpriced
      ---------------------------------------------------------------------------------------------------------
      total                          3       1     1.53M       8,000        2,000       2,420 (1,024)    ≥$4.57

      Cache saved $0.0018 (0.5% of prompt tokens read from cache)
      Unpriced: my-local-model (tokens counted, no cost). Add a price: --pricing FILE, or chatmeter config set pricing '{"models":{"my-local-model":{"provider":"openai","input":USD_PER_1M,"output":USD_PER_1M}}}'
      "
    `);
    const hints = text.split('\n').filter((line) => line.includes('--pricing FILE'));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toContain('chatmeter config set pricing');
  });

  it("quotes the hint's pricing command for the shell when a model id holds a quote", () => {
    const call = makeCall({ model: "bob's-model", costPicoUsd: null });
    const text = renderSessionSummary(summaryOf([call]), 'table', plain);
    expect(text).toContain(`chatmeter config set pricing '{"models":{"bob'\\''s-model":`);
  });

  it('marks estimated figures with ~ and explains them in a note', () => {
    expect(renderSessionSummary(summaryOf([estimatedCall]), 'table', plain)).toMatchInlineSnapshot(`
      "Session a1b2c3d4  3m 12s
      provider  model       ok  aborted  uncached  cache read  cache write  output (reasoning)       cost
      openai    gpt-5-mini   0        1      ~400           0            0                 ~90  ~$0.00019
      ---------------------------------------------------------------------------------------------------
      total                  0        1      ~400           0            0                 ~90  ~$0.00019

      ~ estimated: 1 of 1 call counted with a tokenizer (no usage from the provider, or cut short)
      "
    `);
  });

  it('says a mock session cost nothing real and shows the simulated cost', () => {
    expect(
      renderSessionSummary(summaryOf(mockCalls, 'mock'), 'table', plain),
    ).toMatchInlineSnapshot(`
      "Session a1b2c3d4  3m 12s MOCK
      provider  model       calls  uncached  cache read  cache write  output (reasoning)          cost
      mock      gpt-5-mini      2       200           0            0                 180  sim $0.00041
      ------------------------------------------------------------------------------------------------
      total                     2       200           0            0                 180  sim $0.00041

      Mock session: no real cost; simulated cost $0.00041
      "
    `);
  });

  it('says a mock call of a model without a price is unpriced (with how to price it), and plain mock costs $0', () => {
    const mock = (model: string) =>
      makeCall({ provider: 'mock', model, usage: { inputTokens: 6, outputTokens: 95 } });
    const text = renderSessionSummary(summaryOf([mock('llama3'), mock('mock')], 'mock'), 'table', {
      color: false,
    });
    expect(text).toMatchInlineSnapshot(`
      "Session a1b2c3d4  3m 12s MOCK
      provider  model   calls  uncached  cache read  cache write  output (reasoning)                 cost
      mock      llama3      1         6           0            0                  95  $0 (mock, unpriced)
      mock      mock        1         6           0            0                  95            $0 (mock)
      ---------------------------------------------------------------------------------------------------
      total                 2        12           0            0                 190  $0 (mock, unpriced)

      Unpriced: llama3 (tokens counted, no simulated cost). Add a price: --pricing FILE, or chatmeter config set pricing '{"models":{"llama3":{"provider":"openai","input":USD_PER_1M,"output":USD_PER_1M}}}'
      Mock session: no real cost.
      "
    `);
    expect(text).not.toContain('$0.00');
  });

  it('marks the simulated total as partial when a simulated model had no price', () => {
    const unpricedMock = makeCall({ provider: 'mock', model: 'llama3' });
    const summary = summaryOf([...mockCalls, unpricedMock], 'mock');
    const text = renderSessionSummary(summary, 'table', plain);
    expect(text).toMatch(/^total .* sim ≥\$0\.00041$/m);
    expect(text).toContain('Mock session: no real cost; simulated cost ≥$0.00041');
  });

  it('heads the ok calls "ok" when failed or aborted calls get columns of their own', () => {
    const failed = makeCall({ model: 'gpt-5-mini', outcome: 'failed', costPicoUsd: 0n });
    const text = renderSessionSummary(summaryOf([failed]), 'table', plain);
    expect(text).toMatch(/^provider\s+model\s+ok\s+failed\s+uncached\s/m);
    expect(text).not.toMatch(/\bcalls\b/);
    expect(renderSessionSummary(summaryOf([failed]), 'markdown', plain)).toMatch(
      /^\| provider \| model \| ok \| failed \| uncached \|/m,
    );
  });

  it('says so when the session made no calls', () => {
    expect(renderSessionSummary(summaryOf([]), 'table', plain)).toMatchInlineSnapshot(`
      "Session a1b2c3d4  3m 12s
      No calls.
      "
    `);
  });

  it('draws one block per model when the terminal is too narrow for the table', () => {
    const text = renderSessionSummary(summaryOf(realCalls), 'table', { color: false, width: 60 });
    expect(text).toMatchInlineSnapshot(`
      "Session a1b2c3d4  3m 12s
      openai gpt-5-mini  $0.0074
        ok 1 · failed 0 · uncached 12,345 · cache read 8,000
        cache write 0 · output (reasoning) 2,100 (1,024)
      anthropic claude-sonnet-4-5  $4.57
        ok 1 · failed 1 · uncached 1.52M · cache read 0
        cache write 2,000 · output (reasoning) 300
      total  $4.57
        ok 2 · failed 1 · uncached 1.53M · cache read 8,000
        cache write 2,000 · output (reasoning) 2,400 (1,024)

      Cache saved $0.0018 (0.5% of prompt tokens read from cache)
      "
    `);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('uses ANSI styles only when colour is on', () => {
    const summary = summaryOf([...realCalls, unpricedCall]);
    expect(renderSessionSummary(summary, 'table', plain)).not.toContain('\u001b[');
    const coloured = renderSessionSummary(summary, 'table', { color: true });
    expect(coloured).toContain('\u001b[33munpriced\u001b[39m');
    expect(coloured).toContain('\u001b[1mSession a1b2c3d4\u001b[22m');
  });

  it('never shows $0.00 for a cost that is not zero', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 16n }), (costPicoUsd) => {
        const summary = summaryOf([makeCall({ costPicoUsd, usage: { inputTokens: 1 } })]);
        for (const format of ['table', 'markdown'] as const) {
          expect(renderSessionSummary(summary, format, plain)).not.toMatch(/\$0\.0*(?!\d)/);
        }
      }),
    );
  });
});

describe('usage table for /usage', () => {
  it('is the per-model table alone', () => {
    const tracker = new SessionUsageTracker({ sessionId: 's', startedAtMs: 0, mode: 'real' });
    expect(renderUsageTable(tracker.snapshot(), plain)).toBe('No calls yet.');
    tracker.record(realCalls[0]!);
    expect(renderUsageTable(tracker.snapshot(), plain)).toMatchInlineSnapshot(`
      "provider  model       calls  uncached  cache read  cache write  output (reasoning)     cost
      openai    gpt-5-mini      1    12,345       8,000            0       2,100 (1,024)  $0.0074
      -------------------------------------------------------------------------------------------
      total                     1    12,345       8,000            0       2,100 (1,024)  $0.0074"
    `);
  });
});

describe('session summary as JSON', () => {
  it('has the DESIGN §4 shape with exact decimal money and ISO timestamps', () => {
    const json = JSON.parse(
      renderSessionSummary(summaryOf([...realCalls, unpricedCall]), 'json', plain),
    );
    expect(Object.keys(json)).toEqual([
      'sessionId',
      'mode',
      'startedAt',
      'endedAt',
      'durationMs',
      'models',
      'totals',
      'cacheSavingsUsd',
      'cacheWritePremiumUsd',
      'netCacheSavingsUsd',
      'cutReplies',
    ]);
    expect(json).toMatchObject({
      sessionId: 'a1b2c3d4',
      mode: 'real',
      startedAt: '2026-11-23T06:00:00.000Z',
      endedAt: '2026-11-23T06:03:12.000Z',
      cacheSavingsUsd: '0.0018',
    });
    expect(json.models[0]).toEqual({
      provider: 'openai',
      model: 'gpt-5-mini',
      calls: { ok: 1, failed: 0, aborted: 0 },
      usage: {
        inputTokens: 12_345,
        cacheReadTokens: 8_000,
        cacheWrite5mTokens: 0,
        cacheWrite1hTokens: 0,
        outputTokens: 2_100,
        reasoningTokens: 1_024,
      },
      costUsd: '0.00739225',
      priced: true,
      estimated: false,
      cutReplies: {},
    });
    expect(json.models[2]).toMatchObject({ model: 'my-local-model', costUsd: null, priced: false });
    expect(json.totals).toMatchObject({
      calls: { ok: 3, failed: 1, aborted: 0 },
      costUsd: '4.57439225',
      unpricedCalls: 1,
    });
    expect(json.totals.usage.inputTokens).toBe(12_345 + 1_520_000 + 50);
  });

  it('adds the simulated cost in mock mode and keeps the real cost at zero', () => {
    const json = JSON.parse(renderSessionSummary(summaryOf(mockCalls, 'mock'), 'json', plain));
    expect(json.mode).toBe('mock');
    expect(json.models[0]).toMatchObject({ costUsd: '0', simulatedCostUsd: '0.00041' });
    expect(json.totals).toMatchObject({ costUsd: '0', simulatedCostUsd: '0.00041' });
  });

  it('gives a null total cost when no call had a price', () => {
    const json = JSON.parse(renderSessionSummary(summaryOf([unpricedCall]), 'json', plain));
    expect(json.totals.costUsd).toBeNull();
  });
});

describe('session summary as CSV', () => {
  it('has a header and one row per model with raw counts and exact costs', () => {
    expect(
      renderSessionSummary(summaryOf([...realCalls, unpricedCall]), 'csv', plain),
    ).toMatchInlineSnapshot(`
      "session_id,provider,model,calls_ok,calls_failed,calls_aborted,input_tokens,cache_read_tokens,cache_write_5m_tokens,cache_write_1h_tokens,output_tokens,reasoning_tokens,cost_usd,priced,estimated,simulated_cost_usd,cache_savings_usd
      a1b2c3d4,openai,gpt-5-mini,1,0,0,12345,8000,0,0,2100,1024,0.00739225,true,false,,0.0018
      a1b2c3d4,anthropic,claude-sonnet-4-5,1,1,0,1520000,0,1500,500,300,0,4.567,true,false,,0
      a1b2c3d4,openai,my-local-model,1,0,0,50,0,0,0,20,0,,false,false,,0
      "
    `);
  });

  it('quotes fields holding commas, quotes or line breaks', () => {
    const csv = renderSessionSummary(
      summaryOf([makeCall({ model: 'od"d,model\nx', costPicoUsd: 1n })]),
      'csv',
      plain,
    );
    expect(csv).toContain(',"od""d,model\nx",');
  });

  it('quotes a model id with an edge space, as every CSV report does', () => {
    const csv = renderSessionSummary(summaryOf([makeCall({ model: ' padded ' })]), 'csv', plain);
    expect(csv).toContain(',openai," padded ",');
  });
});

describe('session summary as Markdown', () => {
  it('is a valid table: every row has as many cells as the header, with a separator row', () => {
    const md = renderSessionSummary(
      summaryOf([
        ...realCalls,
        estimatedCall,
        makeCall({ model: 'pipe|model', costPicoUsd: null }),
      ]),
      'markdown',
      plain,
    );
    expect(md).toMatchInlineSnapshot(`
      "**Session a1b2c3d4** · 3m 12s

      | provider | model | ok | failed | aborted | uncached | cache read | cache write | output (reasoning) | cost |
      | :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
      | openai | gpt-5-mini | 1 | 0 | 1 | \\~12,745 | 8,000 | 0 | \\~2,190 (1,024) | \\~$0.0076 |
      | anthropic | claude-sonnet-4-5 | 1 | 1 | 0 | 1.52M | 0 | 2,000 | 300 | $4.57 |
      | openai | pipe\\|model | 1 | 0 | 0 | 0 | 0 | 0 | 0 | unpriced |
      | **total** |  | **3** | **1** | **1** | **\\~1.53M** | **8,000** | **2,000** | **\\~2,490 (1,024)** | **\\~≥$4.57** |

      - Cache saved $0.0018 (0.5% of prompt tokens read from cache)
      - Unpriced: pipe\\|model (tokens counted, no cost). Add a price: --pricing FILE, or \`chatmeter config set pricing '{"models":{"pipe|model":{"provider":"openai","input":USD_PER_1M,"output":USD_PER_1M}}}'\`
      - \\~ estimated: 1 of 5 calls counted with a tokenizer (no usage from the provider, or cut short)
      "
    `);
    const rows = md.split('\n').filter((line) => line.startsWith('|'));
    const cellCount = (row: string) => row.replace(/\\\|/g, '').split('|').length - 2;
    expect(rows.length).toBe(2 + 3 + 1);
    for (const row of rows) {
      expect(row.endsWith('|')).toBe(true);
      expect(cellCount(row)).toBe(cellCount(rows[0]!));
    }
    expect(rows[1]).toMatch(/^\|( :?-{3,}:? \|)+$/);
  });
});

describe('session summary notes on a narrow terminal', () => {
  it('wrap at word boundaries within the width', () => {
    const text = renderSessionSummary(summaryOf([estimatedCall]), 'table', {
      color: false,
      width: 50,
    });
    const noteLines = text.split('\n').slice(text.split('\n').indexOf('') + 1);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(50);
    expect(noteLines.join(' ')).toContain('(no usage from the provider, or cut short)');
  });
});
