import { afterEach, describe, expect, it } from 'vitest';
import { type PtySession, spawnCli } from '../helpers/pty';
import { recordEarlierSpend, useBudgetE2e } from './budget-setup';

// Each reply is the recorded gpt-4o-mini stream: 87 prompt + 26 completion tokens, $0.00002865.
// With maxTokens 50 the first message's worst case is about $0.00003 and fits a $0.00005 session
// budget; the second (longer prompt, $0.00002865 already spent) does not.
const FIRST_REPLY = 'The result of';

const e2e = useBudgetE2e('chatmeter-budget-pty-');
let cli: PtySession | undefined;
afterEach(() => {
  cli?.dispose();
  cli = undefined;
});

function start(config: object): PtySession {
  e2e.writeConfig(config);
  cli = spawnCli({ cli: e2e.cli, args: ['-m', 'gpt-4o-mini'], env: e2e.env() });
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
      /could cost up to \$0\.0000\d\d \(\d+ prompt \+ 50 max output tokens on gpt-4o-mini\) and the session budget has \$0\.000021 left \(\$0\.000029 spent of \$0\.00005\)\. Raise it with \/budget <usd>, --budget <usd> or `chatmeter config set budget\.sessionUsd <usd>`/,
    );
    expect(e2e.server.requests).toHaveLength(1);
    session.press('ctrl+d');
    expect(await session.exited()).toBe(0);
  });

  it('sends the second message with a warning in warn mode', async () => {
    const session = start({ maxTokens: 50, budget: { sessionUsd: 0.00005, onExceed: 'warn' } });
    await firstExchange(session);
    await session.sendLine('Again, with more words this time please');
    await session.waitForText(/sent anyway\s+\(budget\.onExceed\s+is "warn"\)/);
    await expect.poll(() => e2e.server.requests.length).toBe(2);
    await session.waitForText('is used up');
  });

  it('shows the money and tokens left with /budget, and sets the budget', async () => {
    const session = start({ maxTokens: 50, budget: { sessionUsd: 0.00005 } });
    await firstExchange(session);
    await session.sendLine('/budget');
    const screen = await session.waitForText(/input tok\s+output tok/);
    // $0.00002135 left buys 142 input tokens at $0.15/1M, or 35 output tokens at $0.60/1M.
    expect(screen).toMatch(/session\s+\$0\.000029\s+\$0\.00005\s+\$0\.000021\s+ok\s+~142\s+~35/);
    await session.sendLine('/budget 2');
    await session.waitForText('Session budget set to $2.00; $2.00 left of it.');
    await session.waitForText('budget 0% session');
  });

  it('counts real spend recorded in the ledger earlier today against dailyUsd in a new session', async () => {
    recordEarlierSpend(e2e.home, 'gpt-4o-mini', 999_990_000_000n); // $0.99999
    const session = start({ budget: { dailyUsd: 1, onExceed: 'block' } });
    await session.waitForText('budget 99% today');
    await session.waitForText('the daily budget is nearly used up');
    await session.sendLine('Hi');
    const screen = await session.waitForText('Budget: not sent.');
    expect(screen.replace(/\s+/g, ' ')).toContain(
      'the daily budget has $0.00001 left ($1.00 spent of $1.00)',
    );
    expect(e2e.server.requests).toHaveLength(0);
  });
});
