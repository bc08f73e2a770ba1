import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { afterAll } from 'vitest';
import { openLedger } from '../../src/core/ledger/ledger';
import { LedgerSink } from '../../src/core/ledger/recording';
import type { CallRecord, SessionMode } from '../../src/core/usage/types';
import { tempDir } from '../core/ledger/helpers';

/** Result of one run of the built CLI. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args` with CHATMETER_HOME=`home` and extra environment. */
export function runCli(home: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, ['dist/cli.js', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      CHATMETER_HOME: home,
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: '',
      ...env,
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes sessions of calls into the ledger under `home` (`mode` per session). */
export function seedLedger(
  home: string,
  sessions: readonly { readonly mode: SessionMode; readonly calls: readonly CallRecord[] }[],
): void {
  const ledger = openLedger(`${home}/usage.db`, { chatmeterVersion: 'test' });
  for (const { mode, calls } of sessions) {
    const sink = new LedgerSink(ledger, mode);
    for (const call of calls) sink.record(call);
  }
  ledger.close();
}

/**
 * A factory of fresh CHATMETER_HOME folders under one temporary folder, removed after the file's
 * tests (registers an `afterAll`).
 */
export function homeFolders(prefix: string): () => string {
  const temp = tempDir(prefix);
  afterAll(() => temp.cleanup());
  let homes = 0;
  return () => {
    homes += 1;
    const dir = `${temp.dir}/home-${homes}`;
    mkdirSync(dir);
    return dir;
  };
}
