import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { openLedger } from '../../src/core/ledger/ledger';
import { ZERO_USAGE } from '../../src/core/usage/types';
import { privateCliCopy } from '../helpers/pty';
import { loadFixture, type ReplayServer } from '../helpers/replay-server';
import { useReplayServer } from '../helpers/replay-suite';

/**
 * The recorded gpt-4o-mini stream every budget test replays: 87 prompt and 26 completion tokens,
 * 87 x $0.15 + 26 x $0.60 per 1M = $0.00002865 a call.
 */
export const BUDGET_FIXTURE = 'openai/chat-stream-include-usage.sse';

/** What a budget e2e test runs against; read its fields inside tests (they change per test). */
export interface BudgetE2e {
  /** A private copy of the built CLI, so a rebuild of dist/ by a parallel run cannot break it. */
  readonly cli: string;
  readonly server: ReplayServer;
  /** A fresh CHATMETER_HOME for each test. */
  readonly home: string;
  /** The environment that points the CLI at the replay server with a fake OpenAI key. */
  env(): Record<string, string>;
  /** Writes `config.json` into this test's home. */
  writeConfig(config: object): void;
}

/**
 * Registers the hooks of a budget e2e file: one replay server serving {@link BUDGET_FIXTURE} and
 * a private CLI copy for the file, a fresh home folder and a cleared request log for each test.
 */
export function useBudgetE2e(homePrefix: string): BudgetE2e {
  const server = useReplayServer();
  let cli = 'dist/cli.js';
  let home = '';
  beforeAll(() => {
    cli = privateCliCopy();
  });
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), homePrefix));
    server.requests.length = 0;
    server.serve(loadFixture(BUDGET_FIXTURE));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  return {
    get cli() {
      return cli;
    },
    server,
    get home() {
      return home;
    },
    env: () => ({
      CHATMETER_HOME: home,
      OPENAI_API_KEY: 'sk-test-not-a-real-key',
      OPENAI_BASE_URL: `${server.origin}/v1`,
    }),
    writeConfig: (config) => writeFileSync(join(home, 'config.json'), JSON.stringify(config)),
  };
}

/** Records one real call of `costPicoUsd` on `model`, ended a second ago, in `home`'s ledger. */
export function recordEarlierSpend(home: string, model: string, costPicoUsd: bigint): void {
  const ledger = openLedger(join(home, 'usage.db'), { chatmeterVersion: 'test' });
  const endedAtMs = Date.now() - 1000;
  ledger.startSession('earlier', 'real', endedAtMs - 1000);
  ledger.recordCall(
    {
      callId: 'earlier-call',
      sessionId: 'earlier',
      provider: 'openai',
      model,
      outcome: 'ok',
      usage: { ...ZERO_USAGE, inputTokens: 1000, outputTokens: 1000 },
      estimated: false,
      costPicoUsd,
      simulatedCostPicoUsd: null,
      cacheSavingsPicoUsd: 0n,
      latencyMs: 10,
      errorKind: null,
      endedAtMs,
    },
    false,
  );
  ledger.close();
}
