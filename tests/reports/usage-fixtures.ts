import fc from 'fast-check';
import type { CallRecord } from '../../src/core/usage/types';

const MODELS = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-5-mini'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['openai', 'odd, "quoted" | model'],
  ['mock', 'gpt-4o'],
] as const;

const token = fc.integer({ min: 0, max: 2_000_000 });

/** Arbitrary call records spread over three weeks of November 2026, some unpriced or mock. */
export const callArb: fc.Arbitrary<CallRecord> = fc
  .record({
    model: fc.constantFrom(...MODELS),
    session: fc.constantFrom('s-1', 's-2', 's-3'),
    outcome: fc.constantFrom('ok', 'ok', 'failed', 'aborted' as const),
    usage: fc.record({
      inputTokens: token,
      cacheReadTokens: token,
      cacheWrite5mTokens: token,
      cacheWrite1hTokens: token,
      outputTokens: token,
      reasoningTokens: token,
    }),
    estimated: fc.boolean(),
    cost: fc.option(fc.bigInt({ min: 0n, max: 9_000_000_000_000_000_000n }), { freq: 4 }),
    savings: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    endedAtMs: fc.noBias(fc.integer({ min: Date.UTC(2026, 10, 1), max: Date.UTC(2026, 10, 21) })),
    id: fc.uuid(),
    tier: fc.constantFrom(null, 'default', 'flex', 'priority'),
    tool: fc.option(fc.constantFrom('claude-cli', 'codex'), { freq: 2 }),
  })
  .map((r) => ({
    callId: r.id,
    sessionId: r.model[0] === 'mock' ? 'mock-session' : r.session,
    provider: r.model[0],
    model: r.model[1],
    outcome: r.outcome,
    usage: r.usage,
    estimated: r.estimated,
    costPicoUsd: r.model[0] === 'mock' ? 0n : r.cost,
    simulatedCostPicoUsd: r.model[0] === 'mock' ? 5n : null,
    cacheSavingsPicoUsd: r.savings,
    serviceTier: r.tier,
    tool: r.tool,
    latencyMs: 100,
    errorKind: r.outcome === 'ok' ? null : 'server',
    endedAtMs: r.endedAtMs,
  }));

/** The same calls with distinct ids (generated uuids may repeat within one array). */
export function withDistinctIds(calls: readonly CallRecord[]): CallRecord[] {
  return calls.map((call, index) => ({ ...call, callId: `call-${index}` }));
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c === '"') throw new Error(`stray quote at ${i}`);
    else field += c;
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length > 0) throw new Error('missing final line break');
  return rows;
}

/** Splits a Markdown table line into cells, undoing `\` escapes; throws on a malformed line. */
export function markdownCells(line: string): string[] {
  if (!line.startsWith('| ') || !line.endsWith(' |')) throw new Error(`not a table line: ${line}`);
  return [...line.slice(1).matchAll(/((?:\\.|[^\\|])*)\|/g)].map((match) =>
    (match[1] ?? '').trim().replace(/\\(.)/g, '$1'),
  );
}
