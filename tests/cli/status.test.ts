import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeCall } from '../core/ledger/helpers';
import { homeFolders, runCli, seedLedger } from './usage-helpers';

const newHome = homeFolders('chatmeter-status-');
const USD = 1_000_000_000_000n;

/**
 * A ledger with a $1.25 call now (session `proxy-run`), a $2 call on the first of this month
 * when that is not today, and a $100 call 40 days ago; a daily budget of $5.
 */
function seededHome(): { home: string; monthUsd: string } {
  const home = newHome();
  const now = Date.now();
  const startOfToday = new Date(new Date(now).setHours(0, 0, 0, 0)).getTime();
  const firstOfMonth = new Date(new Date(startOfToday).setDate(1)).getTime();
  const earlier = firstOfMonth < startOfToday;
  seedLedger(home, [
    {
      mode: 'real',
      calls: [
        makeCall({ sessionId: 'proxy-run', costPicoUsd: (5n * USD) / 4n, endedAtMs: now - 1000 }),
      ],
    },
    {
      mode: 'real',
      calls: [
        ...(earlier ? [makeCall({ sessionId: 'old', costPicoUsd: 2n * USD, endedAtMs: firstOfMonth + 60_000 })] : []),
        makeCall({ sessionId: 'old', costPicoUsd: 100n * USD, endedAtMs: now - 40 * 86_400_000 }),
      ],
    },
  ]);
  writeFileSync(`${home}/config.json`, JSON.stringify({ budget: { dailyUsd: 5 } }));
  return { home, monthUsd: earlier ? '3.25' : '1.25' };
}

/** A running proxy's state file, as `chatmeter proxy` writes it (one file per process). */
function writeProxyState(home: string, pid: number, extra: Record<string, unknown> = {}): void {
  const state = { pid, sessionId: 'proxy-run', origin: 'http://127.0.0.1:8787', startedAtMs: Date.now(), ...extra };
  mkdirSync(`${home}/proxies`, { recursive: true });
  writeFileSync(`${home}/proxies/${pid}.json`, JSON.stringify(state));
}

describe('chatmeter status', () => {
  it('prints spend today and this month, the budget and the running proxy on one line', () => {
    const { home, monthUsd } = seededHome();
    writeProxyState(home, process.pid);
    const result = runCli(home, ['status']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `today $1.25 · month $${monthUsd} · budget 25% today · proxy :8787 1 call $1.25\n`,
    );
  });

  it('prints the same figures as JSON, money as exact decimals', () => {
    const { home, monthUsd } = seededHome();
    writeProxyState(home, process.pid);
    const result = runCli(home, ['status', '--format', 'json']);
    expect(JSON.parse(result.stdout)).toEqual({
      todayUsd: '1.25',
      monthUsd,
      budget: [{ scope: 'daily', level: 'ok', spentUsd: '1.25', limitUsd: '5', percent: 25 }],
      proxies: [{ origin: 'http://127.0.0.1:8787', sessionId: 'proxy-run', calls: 1, costUsd: '1.25' }],
    });
  });

  it("counts the proxy's --budget as the session budget", () => {
    const { home } = seededHome();
    writeProxyState(home, process.pid, { sessionBudgetPicoUsd: String(2n * USD) });
    const result = runCli(home, ['status', '--format', 'json']);
    expect((JSON.parse(result.stdout) as { budget: unknown[] }).budget).toEqual([
      { scope: 'session', level: 'ok', spentUsd: '1.25', limitUsd: '2', percent: 62 },
      { scope: 'daily', level: 'ok', spentUsd: '1.25', limitUsd: '5', percent: 25 },
    ]);
    expect(runCli(home, ['status']).stdout).toContain('· budget 62% session ·');
  });

  it("shows a --no-ledger proxy's own figures from its state file, not $0", () => {
    const { home } = seededHome();
    writeProxyState(home, process.pid, {
      sessionId: 'not-in-ledger',
      unrecorded: { calls: 3, costPicoUsd: String((2n * USD) / 5n) },
    });
    expect(runCli(home, ['status']).stdout).toMatch(/· proxy :8787 3 calls \$0\.40\n$/);
  });

  it('shows every running proxy on the same home', () => {
    const { home } = seededHome();
    writeProxyState(home, process.pid);
    writeProxyState(home, process.ppid, {
      origin: 'http://127.0.0.1:9999',
      sessionId: 'other',
      startedAtMs: Date.now() + 1,
    });
    expect(runCli(home, ['status']).stdout).toMatch(/· proxy :8787 1 call \$1\.25 · proxy :9999 0 calls \$0\.00\n$/);
  });

  it('leaves out a proxy whose process has ended', () => {
    const { home } = seededHome();
    const ended = spawnSync(process.execPath, ['-e', '0']);
    writeProxyState(home, ended.pid!);
    expect(runCli(home, ['status']).stdout).not.toContain('proxy');
  });

  it('reads $0 without a ledger, and creates none', () => {
    const home = newHome();
    expect(runCli(home, ['status']).stdout).toBe('today $0.00 · month $0.00\n');
    expect(existsSync(`${home}/usage.db`)).toBe(false);
  });

  it('refuses an unknown format (exit 2)', () => {
    const result = runCli(newHome(), ['status', '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line, json/);
  });
});
