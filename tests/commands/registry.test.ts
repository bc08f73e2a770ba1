import { describe, expect, it } from 'vitest';
import { completeSlash } from '../../src/commands/complete';
import { COMMANDS, findCommand, runSlashCommand } from '../../src/commands/registry';
import { SessionUsageTracker } from '../../src/core/usage/tracker';
import { ZERO_USAGE } from '../../src/core/usage/types';
import { commandContext, FakeSession } from './context';

describe('the command registry', () => {
  it.each([
    ['usage', 'usage'],
    ['cost', 'usage'],
    ['stats', 'usage'],
    ['STATS', 'usage'],
    ['exit', 'exit'],
    ['quit', 'exit'],
    ['new', 'clear'],
  ])('resolves /%s to /%s', (name, expected) => {
    expect(findCommand(name)?.name).toBe(expected);
  });

  it('has unique names and aliases', () => {
    const all = COMMANDS.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('answers an unknown command with the nearest one', async () => {
    const result = await runSlashCommand('/usge', commandContext());
    expect(result).toEqual({
      kind: 'notice',
      level: 'warn',
      text: 'Unknown command /usge. Did you mean /usage?',
    });
    const far = await runSlashCommand('/frobnicate', commandContext());
    expect(far).toMatchObject({ text: 'Unknown command /frobnicate. Type /help for the list.' });
  });

  it('returns null for a line that is not a command', async () => {
    expect(await runSlashCommand('hello', commandContext())).toBeNull();
  });

  it('runs /exit and /quit as an exit result, /clear as a cleared result', async () => {
    expect(await runSlashCommand('/quit', commandContext())).toEqual({ kind: 'exit' });
    const context = commandContext();
    expect(await runSlashCommand('/clear', context)).toMatchObject({ kind: 'cleared' });
    expect(context.session.clears).toBe(1);
  });

  it.each([
    ['/us', '/usage ', []],
    ['/mo', '/model', ['/model', '/models']],
    ['/q', '/quit ', []],
    ['/zz', '/zz', []],
    ['/usage now', '/usage now', []],
    ['plain', 'plain', []],
  ])('completes %j to %j', (input, expected, candidates) => {
    expect(completeSlash(input)).toEqual({ input: expected, candidates });
  });

  it('completes model ids after /model', () => {
    const context = commandContext();
    expect(completeSlash('/model gpt-4o-m', COMMANDS, context)).toEqual({
      input: '/model gpt-4o-mini',
      candidates: [],
    });
    const several = completeSlash('/model claude-opus-4', COMMANDS, context);
    expect(several.input).toBe('/model claude-opus-4-');
    expect(several.candidates).toEqual([
      'claude-opus-4-5',
      'claude-opus-4-6',
      'claude-opus-4-7',
      'claude-opus-4-8',
    ]);
    expect(completeSlash('/model zzz', COMMANDS, context)).toEqual({
      input: '/model zzz',
      candidates: [],
    });
    expect(completeSlash('/usage x', COMMANDS, context)).toEqual({
      input: '/usage x',
      candidates: [],
    });
  });

  it('lists every command and the keys in /help', async () => {
    const result = await runSlashCommand('/help', commandContext());
    expect(result?.kind).toBe('text');
    const text = result?.kind === 'text' ? result.text : '';
    for (const command of COMMANDS) expect(text).toContain(`/${command.name}`);
    expect(text).toContain('(also /cost, /stats)');
    expect(text).toContain('Ctrl+C');
  });

  it('wraps /help under each description on a narrow terminal, never past its width', async () => {
    const result = await runSlashCommand('/help', { ...commandContext(), width: 60 });
    const lines = result?.kind === 'text' ? result.text.split('\n') : [];
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(60);
    const indent = lines[1]!.search(/\S/) + lines[1]!.trimStart().search(/ \S/) + 1;
    const continued = lines.filter((line) => /^ {3}/.test(line));
    expect(continued.length).toBeGreaterThan(0);
    for (const line of continued) expect(line.search(/\S/)).toBe(indent);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(
      'send (a pasted block of lines is one message; Alt+Enter adds a line)',
    );
  });

  it('shows /model, switches it, and reports a refused switch', async () => {
    const session = new FakeSession();
    const context = commandContext(session);
    expect(await runSlashCommand('/model', context)).toMatchObject({
      text: expect.stringMatching(/^Model: mock \(mock\)/),
    });
    const switched = await runSlashCommand('/model gpt-4o', context);
    expect(switched).toMatchObject({
      level: 'info',
      text: expect.stringMatching(
        /^Switched to gpt-4o \(mock\): \$2\.50 in \/ \$10\.00 out per 1M tokens, 128,000-token context\./,
      ),
    });
    expect(session.model).toBe('gpt-4o');
    const unknown = await runSlashCommand('/model gpt-4oo', context);
    expect(unknown).toMatchObject({
      level: 'warn',
      text: expect.stringContaining('Did you mean /model gpt-4o?'),
    });
    session.refuse = 'Set ANTHROPIC_API_KEY to use claude-sonnet-4-5.';
    expect(await runSlashCommand('/model claude-sonnet-4-5', context)).toEqual({
      kind: 'notice',
      level: 'error',
      text: 'Set ANTHROPIC_API_KEY to use claude-sonnet-4-5.',
    });
  });

  it('prices /models exactly and filters on the start of an id part', async () => {
    const result = await runSlashCommand('/models mini', commandContext());
    const text = result?.kind === 'text' ? result.text : '';
    expect(text).toMatch(
      /^ {2}o4-mini\s+openai\s+\$1\.10\s+\$0\.275\s+\$4\.40\s+200K\s+bundled 2026-08-21$/m,
    );
    expect(text).toMatch(/^ {2}gpt-4o-mini\s/m);
    expect(text).not.toContain('gemini');
    const gemini = await runSlashCommand('/models gemini-2.5-pro', commandContext());
    expect(gemini?.kind === 'text' ? gemini.text : '').toMatch(
      /\$0\.125\s+\$10\.00\s+1\.05M\s+bundled 2026-08-21$/m,
    );
  });

  it('lists models with prices per 1M tokens and marks the current one', async () => {
    const context = commandContext();
    context.session.switchModel('gpt-4o');
    const result = await runSlashCommand('/models gpt-4o', context);
    const text = result?.kind === 'text' ? result.text : '';
    expect(text).toMatch(/^\* gpt-4o\s+openai\s+\$2\.50\s+\$1\.25\s+\$10\.00\s+128K\s+bundled/m);
    expect(text).toMatch(/^ {2}gpt-4o-2024-05-13\s+openai\s+\$5\.00\s+-\s+\$15\.00\s+128K\s+curated 2025-11-15$/m);
    expect(text).toContain('Mock mode simulates these models');
    // The bundled data is from 2026-08-21, past 60 days old on this machine's clock.
    expect(text).toContain('run chatmeter models update to refresh them');
    expect(await runSlashCommand('/models nothing-like-this', context)).toMatchObject({
      level: 'warn',
    });
  });

  it('shows the per-model usage table with /usage and its aliases', async () => {
    const context = commandContext();
    const empty = await runSlashCommand('/cost', context);
    expect(empty).toEqual({ kind: 'text', text: 'No calls yet.' });
    context.tracker.record({
      callId: 'c',
      sessionId: 's',
      provider: 'mock',
      model: 'gpt-4o',
      outcome: 'ok',
      usage: {
        inputTokens: 10,
        cacheReadTokens: 0,
        cacheWrite5mTokens: 0,
        cacheWrite1hTokens: 0,
        outputTokens: 20,
        reasoningTokens: 0,
      },
      estimated: false,
      costPicoUsd: 0n,
      simulatedCostPicoUsd: 225_000_000n,
      cacheSavingsPicoUsd: 0n,
      latencyMs: 5,
      errorKind: null,
      endedAtMs: 1,
    });
    const table = await runSlashCommand('/stats', context);
    const text = table?.kind === 'text' ? table.text : '';
    expect(text).toMatch(/mock\s+gpt-4o/);
    expect(text).toContain('Mock session: no real cost; simulated cost $0.00023');
  });

  it('carries the exit summary notes in /usage: cache savings and how to price a model', async () => {
    const tracker = new SessionUsageTracker({ sessionId: 's', startedAtMs: 0, mode: 'real' });
    const call = {
      sessionId: 's',
      outcome: 'ok' as const,
      usage: { ...ZERO_USAGE, inputTokens: 100, cacheReadTokens: 900, outputTokens: 20 },
      estimated: false,
      simulatedCostPicoUsd: null,
      latencyMs: 5,
      errorKind: null,
      endedAtMs: 1,
    };
    tracker.record({
      ...call,
      callId: 'a',
      provider: 'openai',
      model: 'gpt-4o',
      costPicoUsd: 1_575_000_000n,
      cacheSavingsPicoUsd: 1_125_000_000n,
    });
    tracker.record({
      ...call,
      callId: 'b',
      provider: 'openai',
      model: 'my-local-model',
      costPicoUsd: null,
      cacheSavingsPicoUsd: 0n,
    });
    const result = await runSlashCommand('/usage', { ...commandContext(), usage: tracker });
    const text = result?.kind === 'text' ? result.text : '';
    expect(text).toMatch(/^Cache saved \$0\.0011 \(90% of prompt tokens read from cache\)$/m);
    expect(text).toMatch(/^Unpriced: my-local-model \(tokens counted, no cost\)\. Add a price:/m);
    expect(text).not.toContain('Mock session');
  });
});
