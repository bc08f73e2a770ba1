import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/core/ledger/ledger';
import { ZERO_USAGE } from '../../src/core/usage/types';
import { type PtySession, privateCliCopy, spawnCli } from '../helpers/pty';
import { loadFixture, type ReplayServer, startReplayServer } from '../helpers/replay-server';

/** A private copy of the built CLI, so a rebuild of dist/ by a parallel run cannot break it. */
let CLI = 'dist/cli.js';

// Each reply is the recorded gpt-4o-mini stream: 87 prompt + 26 completion tokens, $0.00002865.
// With maxTokens 50 the first message's worst case is about $0.00003 and fits a $0.00005 session
// budget; the second (longer prompt, $0.00002865 already spent) does not.
const FIXTURE = 'openai/chat-stream-include-usage.sse';
const FIRST_REPLY = 'The result of';

let server: ReplayServer;
let home: string;
let cli: PtySession | undefined;

beforeAll(async () => {
  CLI = privateCliCopy();
  server = await startReplayServer();
});
afterAll(() => server.close());
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'chatmeter-budget-pty-'));
  server.requests.length = 0;
  server.serve(loadFixture(FIXTURE));
});
afterEach(() => {
  cli?.dispose();
  cli = undefined;
  rmSync(home, { recursive: true, force: true });
});

function start(config: object): PtySession {
  writeFileSync(join(home, 'config.json'), JSON.stringify(config));
  cli = spawnCli({
    cli: CLI,
    args: ['-m', 'gpt-4o-mini'],
    env: {
      CHATMETER_HOME: home,
      OPENAI_API_KEY: 'sk-test-not-a-real-key',
      OPENAI_BASE_URL: `${server.origin}/v1`,
    },
  });
  return cli;
}

async function firstExchange(session: PtySession): Promise<void> {
  await session.waitForText('gpt-4o-mini');
  await session.sendLine('Hi');
  await session.waitForText(FIRST_REPLY);
  await session.waitForText(/\$0\.000029/);
}

describe('budgets in the interactive chat (pty, replay server)', () => {
  it('refuses the second message in block mode, with the estimate and the limit', async () => {
    const session = start({ maxTokens: 50, budget: { sessionUsd: 0.00005, onExceed: 'block' } });
    await firstExchange(session);
    await session.sendLine('Again, with more words this time please');
    const screen = await session.waitForText('Budget: not sent.');
    expect(screen.replace(/\s+/g, ' ')).toMatch(
      /could cost up to \$0\.0000\d\d \(\d+ prompt \+ 50 max output tokens on gpt-4o-mini\) and the session budget has \$0\.000021 left \(\$0\.000029 spent of \$0\.000050\)\. Raise it with \/budget <usd>, --budget <usd> or `chatmeter config set budget\.sessionUsd <usd>`/,
    );
    expect(server.requests).toHaveLength(1);
    session.press('ctrl+d');
    expect(await session.exited()).toBe(0);
  });

  it('sends the second message with a warning in warn mode', async () => {
    const session = start({ maxTokens: 50, budget: { sessionUsd: 0.00005, onExceed: 'warn' } });
    await firstExchange(session);
    await session.sendLine('Again, with more words this time please');
    await session.waitForText(/sent anyway \(budget\.onExceed\s+is "warn"\)/);
    await expect.poll(() => server.requests.length).toBe(2);
    await session.waitForText('is used up');
  });

  it('shows the money and tokens left with /budget, and sets the budget', async () => {
    const session = start({ maxTokens: 50, budget: { sessionUsd: 0.00005 } });
    await firstExchange(session);
    await session.sendLine('/budget');
    const screen = await session.waitForText(/input tok\s+output tok/);
    // $0.00002135 left buys 142 input tokens at $0.15/1M, or 35 output tokens at $0.60/1M.
    expect(screen).toMatch(/session\s+\$0\.000029\s+\$0\.000050\s+\$0\.000021\s+ok\s+~142\s+~35/);
    await session.sendLine('/budget 2');
    await session.waitForText('Session budget set to $2.00; $2.00 left of it.');
    await session.waitForText('budget 0% session');
  });

  it('counts real spend recorded in the ledger earlier today against dailyUsd in a new session', async () => {
    const ledger = openLedger(join(home, 'usage.db'), { chatmeterVersion: 'test' });
    const endedAtMs = Date.now() - 1000;
    ledger.startSession('earlier', 'real', endedAtMs - 1000);
    ledger.recordCall(
      {
        callId: 'earlier-call',
        sessionId: 'earlier',
        provider: 'openai',
        model: 'gpt-4o-mini',
        outcome: 'ok',
        usage: { ...ZERO_USAGE, inputTokens: 1000, outputTokens: 1000 },
        estimated: false,
        costPicoUsd: 999_990_000_000n, // $0.99999
        simulatedCostPicoUsd: null,
        cacheSavingsPicoUsd: 0n,
        latencyMs: 10,
        errorKind: null,
        endedAtMs,
      },
      false,
    );
    ledger.close();
    const session = start({ budget: { dailyUsd: 1, onExceed: 'block' } });
    await session.waitForText('budget 99% today');
    await session.waitForText('the daily budget is nearly used up');
    await session.sendLine('Hi');
    const screen = await session.waitForText('Budget: not sent.');
    expect(screen.replace(/\s+/g, ' ')).toContain(
      'the daily budget has $0.000010 left ($1.00 spent of $1.00)',
    );
    expect(server.requests).toHaveLength(0);
  });
});
