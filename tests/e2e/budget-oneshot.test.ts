import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type ChildOutput, childOutput } from '../helpers/child-output';
import { recordEarlierSpend, useBudgetE2e } from './budget-setup';

// The fixture reports 87 prompt and 26 completion tokens: $0.00002865 at gpt-4o-mini's prices.
const e2e = useBudgetE2e('chatmeter-budget-e2e-');
const writeConfig = (config: object) => e2e.writeConfig(config);

/** Runs the built CLI one-shot against the replay server (asynchronously: the server is here). */
function oneShot(...args: string[]): Promise<ChildOutput> {
  const child = spawn(process.execPath, [e2e.cli, '-p', 'Hi', '-m', 'gpt-4o-mini', ...args], {
    env: { ...process.env, ...e2e.env() },
  });
  return childOutput(child);
}

describe('budgets and settings in one-shot mode (built CLI, replay server)', () => {
  it('prices a call with the config pricing override', async () => {
    const plain = JSON.parse((await oneShot('--json')).stdout);
    expect(plain.costUsd).toBe('0.00002865');
    writeConfig({
      pricing: { models: { 'gpt-4o-mini': { provider: 'openai', input: 1, output: 2 } } },
    });
    const overridden = await oneShot('--json');
    expect(overridden.code).toBe(0);
    expect(JSON.parse(overridden.stdout).costUsd).toBe('0.000139');
  });

  it('refuses a call over the session budget in block mode: exit 3, nothing sent', async () => {
    writeConfig({ budget: { sessionUsd: 0.001, onExceed: 'block' } });
    const result = await oneShot();
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Budget: not sent.');
    expect(result.stderr).toMatch(
      /could cost up to \$0\.0025 \(\d+ prompt \+ 4,096 max output tokens on gpt-4o-mini\)/,
    );
    expect(result.stderr).toContain('the session budget has $0.001 left ($0.00 spent of $0.001)');
    expect(result.stderr).toContain(
      'Raise it with --budget <usd> or `chatmeter config set budget.sessionUsd <usd>`',
    );
    expect(e2e.server.requests).toHaveLength(0);
  });

  it('prints one JSON object with outcome blocked when --json is refused by the budget', async () => {
    writeConfig({ budget: { sessionUsd: 0.001, onExceed: 'block' } });
    const result = await oneShot('--json');
    expect(result.code).toBe(3);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      reply: '',
      outcome: 'blocked',
      usage: { inputTokens: 0, cacheReadTokens: 0, outputTokens: 0, reasoningTokens: 0 },
      estimated: false,
      costUsd: '0',
      latencyMs: 0,
      error: { kind: 'budget', status: null },
    });
    expect(json.sessionId).toMatch(/\S/);
    expect(json.error.message).toMatch(/^Budget: not sent\. .*Raise it with --budget <usd>/);
    expect(json.error.message).not.toContain('\n');
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(e2e.server.requests).toHaveLength(0);
  });

  it('sends the call with a warning in warn mode', async () => {
    writeConfig({ budget: { sessionUsd: 0.001, onExceed: 'warn' } });
    const result = await oneShot();
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^chatmeter: warning: Budget: this call could cost .*sent anyway \(budget\.onExceed is "warn"\)/m,
    );
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(e2e.server.requests).toHaveLength(1);
  });

  it('ends the reply line before warning that the call used the budget up', async () => {
    // $0.00002 is less than the call's $0.00002865: the warning comes once the call is recorded.
    // Both streams go to one pipe, as in a terminal, so the order of the lines is what a user sees.
    writeConfig({ budget: { sessionUsd: 0.00002, onExceed: 'warn' } });
    const child = spawn('sh', ['-c', `"${process.execPath}" "${e2e.cli}" -p Hi -m gpt-4o-mini 2>&1`], {
      env: { ...process.env, ...e2e.env() },
    });
    const result = await childOutput(child);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^chatmeter: warning: Budget: the session budget is used up/m);
    expect(result.stdout).not.toMatch(/[^\n]chatmeter:/);
  });

  it('lets --budget and --max-tokens raise what fits', async () => {
    writeConfig({ budget: { sessionUsd: 0.001, onExceed: 'block' } });
    expect((await oneShot('--budget', '0.01')).code).toBe(0);
    expect((await oneShot('--max-tokens', '100')).code).toBe(0);
    expect(e2e.server.requests).toHaveLength(2);
  });

  it('counts real spend recorded in the ledger earlier today against the daily budget', async () => {
    recordEarlierSpend(e2e.home, 'gpt-4o', 999_000_000_000n); // $0.999
    writeConfig({ budget: { dailyUsd: 1, onExceed: 'block' } });
    const result = await oneShot();
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('the daily budget has $0.001 left ($1.00 spent of $1.00)');
    expect(result.stderr).toContain('`chatmeter config set budget.dailyUsd <usd>`');
    expect(e2e.server.requests).toHaveLength(0);
  });

  it('counts a real call recorded by an earlier run against dailyUsd in the next run', async () => {
    // Worst case with 50 output tokens is about $0.00003: the first run fits $0.00004, the
    // second does not once the first run's $0.00002865 is in the ledger.
    writeConfig({ maxTokens: 50, budget: { dailyUsd: 0.00004, onExceed: 'block' } });
    expect((await oneShot()).code).toBe(0);
    const second = await oneShot();
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(
      'the daily budget has $0.000011 left ($0.000029 spent of $0.00004)',
    );
    expect(e2e.server.requests).toHaveLength(1);
    const noLedger = await oneShot('--no-ledger');
    expect(noLedger.code).toBe(3);
  });

  it('never refuses a mock call: mock spend does not count', async () => {
    writeConfig({ budget: { sessionUsd: 0, dailyUsd: 0, onExceed: 'block' } });
    const child = await oneShot('--mock');
    expect(child.code).toBe(0);
  });
});
