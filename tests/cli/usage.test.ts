import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { makeCall } from '../core/ledger/helpers';
import { homeFolders, runCli, seedLedger } from './usage-helpers';

const home = homeFolders('chatmeter-usage-cli-');

// 03:30 UTC on 2026-11-20 is 22:30 on 2026-11-19 in New York.
const LATE = Date.UTC(2026, 10, 20, 3, 30);

function seeded(): string {
  const dir = home();
  seedLedger(dir, [
    {
      mode: 'real',
      calls: [
        makeCall({ sessionId: 'aaaa-1111', endedAtMs: LATE, costPicoUsd: 2_000_000_000_000n }),
        makeCall({ sessionId: 'aaaa-1111', model: 'claude-sonnet-4-5', provider: 'anthropic' }),
      ],
    },
    {
      mode: 'mock',
      calls: [makeCall({ sessionId: 'bbbb-2222', provider: 'mock', costPicoUsd: 0n })],
    },
  ]);
  return dir;
}

describe('chatmeter usage', () => {
  it('says plainly that nothing is recorded yet, and creates no ledger', () => {
    const dir = home();
    const run = runCli(dir, ['usage']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`No usage recorded yet (ledger: ${dir}/usage.db).\n`);
    expect(existsSync(`${dir}/usage.db`)).toBe(false);
  });

  it('says the ledger is off when nothing was selected and config turned it off', () => {
    const dir = home();
    writeFileSync(`${dir}/config.json`, JSON.stringify({ ledger: false }));
    const empty = runCli(dir, ['usage']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe(
      `No usage recorded yet (ledger: ${dir}/usage.db).\n` +
        'The ledger is off (config ledger false), so nothing new is being recorded; ' +
        'turn it on with `chatmeter config set ledger true`.\n',
    );
    seedLedger(dir, [{ mode: 'real', calls: [makeCall({ endedAtMs: LATE })] }]);
    expect(runCli(dir, ['usage', '--period', 'today']).stdout).toMatch(
      /^No usage recorded .*\nThe ledger is off \(config ledger false\)/,
    );
    expect(runCli(dir, ['usage', '--period', 'all']).stdout).not.toMatch(/ledger is off/);
  });

  it('points at --include-mock when only mock calls were recorded', () => {
    const dir = home();
    seedLedger(dir, [{ mode: 'mock', calls: [makeCall({ provider: 'mock', costPicoUsd: 0n })] }]);
    expect(runCli(dir, ['usage']).stdout).toMatch(
      /1 mock call was left out \(add --include-mock\)/,
    );
  });

  it('says how many mock calls a table leaves out', () => {
    const dir = seeded();
    expect(runCli(dir, ['usage']).stdout).toMatch(
      /\n1 mock call not shown \(add --include-mock\)\.\n$/,
    );
    expect(runCli(dir, ['usage', '--include-mock']).stdout).not.toMatch(/not shown/);
    expect(runCli(dir, ['usage', '--format', 'csv']).stdout).not.toMatch(/not shown/);
  });

  it('prints the JSON shape of DESIGN §6 with exact money', () => {
    const run = runCli(seeded(), ['usage', '--by', 'model', '--format', 'json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['from', 'to', 'by', 'rows', 'totals', 'cacheSavingsUsd']);
    expect(
      json.rows.map((row: { key: string; costUsd: string }) => [row.key, row.costUsd]),
    ).toEqual([
      ['gpt-4o', '2'],
      ['claude-sonnet-4-5', '0.00725'],
    ]);
    expect(json.totals).toMatchObject({
      calls: { ok: 2, failed: 0, aborted: 0 },
      costUsd: '2.00725',
    });
    expect(json.cacheSavingsUsd).toBe('0.00075');
  });

  it('groups by the service tier with --by tier, calls without one apart', () => {
    const dir = home();
    seedLedger(dir, [
      {
        mode: 'real',
        calls: [
          makeCall({ serviceTier: 'flex', costPicoUsd: 1_000_000_000n }),
          makeCall({ serviceTier: 'flex', costPicoUsd: 500_000_000n }),
          makeCall({ serviceTier: 'priority', costPicoUsd: 4_000_000_000n }),
          makeCall({ costPicoUsd: 2_000_000_000n }),
        ],
      },
    ]);
    const run = runCli(dir, ['usage', '--by', 'tier', '--period', 'all', '--format', 'json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout).rows.map((row: { key: string; costUsd: string }) => [
      row.key,
      row.costUsd,
    ]);
    expect(rows).toEqual([
      ['priority', '0.004'],
      ['not reported', '0.002'],
      ['flex', '0.0015'],
    ]);
    const table = runCli(dir, ['usage', '--by', 'tier', '--period', 'all']);
    expect(table.stdout).toMatch(/by tier/);
  });

  it.each([
    [{ TZ: 'America/New_York' }, [], '2026-11-19'],
    [{ TZ: 'America/New_York' }, ['--utc'], '2026-11-20'],
    [{ TZ: 'Asia/Tokyo' }, [], '2026-11-20'],
  ])('puts a late call on the local day (%o %o)', (env, flags, day) => {
    const run = runCli(seeded(), ['usage', '--by', 'day', '--format', 'json', ...flags], env);
    const keys = JSON.parse(run.stdout).rows.map((row: { key: string }) => row.key);
    expect(keys).toContain(day);
  });

  it('exits 3 with one line when the selection costs more than --fail-over', () => {
    const dir = seeded();
    const over = runCli(dir, ['usage', '--fail-over', '2.007']);
    expect(over.code).toBe(3);
    expect(over.stderr).toBe(
      'chatmeter: The selection cost $2.00725, more than --fail-over $2.007.\n',
    );
    expect(runCli(dir, ['usage', '--fail-over', '2.00725']).code).toBe(0);
  });

  it('writes --output to the file and nothing to stdout', () => {
    const dir = seeded();
    const run = runCli(dir, ['usage', '--format', 'csv', '--output', `${dir}/report.csv`]);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(`${dir}/report.csv`, 'utf8')).toMatch(/^day,calls_ok,/);
  });

  it.each([
    [['usage', '--since', '2026-02-30'], /--since expects a date as YYYY-MM-DD/],
    [['usage', '--period', 'week', '--until', '2026-01-01'], /either --period or --since/],
    [['usage', 'show', 'zzz'], /No session matches "zzz"/],
    [['usage', '--fail-over', 'lots'], /Expected an amount in USD/],
    [['usage', 'show', 'last', '--since', '2030-01-01'], /unknown option '--since'/],
  ])('refuses %o with exit 2 and a clear message', (args, message) => {
    const run = runCli(seeded(), args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('shows a session by prefix and "last", in any format', () => {
    const dir = seeded();
    expect(runCli(dir, ['usage', 'show', 'aaaa']).stdout).toMatch(/^Session aaaa-1111/);
    const last = JSON.parse(runCli(dir, ['usage', 'show', 'last', '--format', 'json']).stdout);
    expect(last.sessionId).toBe('bbbb-2222');
  });

  it('lists sessions most expensive first and honours --top', () => {
    const dir = seeded();
    const json = JSON.parse(
      runCli(dir, ['usage', 'sessions', '--include-mock', '--format', 'json']).stdout,
    );
    expect(json.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([
      'aaaa-1111',
      'bbbb-2222',
    ]);
    const top = JSON.parse(
      runCli(dir, ['usage', 'sessions', '--top', '1', '--include-mock', '--format', 'json']).stdout,
    );
    expect(top.sessions).toHaveLength(1);
  });

  it('shows the 20 most expensive sessions in a table, says how many more, and --all shows all', () => {
    const dir = home();
    const sessions = Array.from({ length: 23 }, (_, i) => ({
      mode: 'real' as const,
      calls: [
        makeCall({
          callId: `call-${i}`,
          sessionId: `session-${String(i).padStart(2, '0')}`,
          endedAtMs: LATE,
          costPicoUsd: BigInt(i + 1) * 1_000_000_000_000n,
        }),
      ],
    }));
    seedLedger(dir, sessions);
    const idsIn = (text: string) => text.match(/session-\d\d/g) ?? [];
    const table = runCli(dir, ['usage', 'sessions']).stdout;
    expect(idsIn(table)).toEqual(
      Array.from({ length: 20 }, (_, i) => `session-${String(22 - i).padStart(2, '0')}`),
    );
    expect(table).toContain('3 more sessions not shown (add --top N, or --all for every one).');
    const all = runCli(dir, ['usage', 'sessions', '--all']).stdout;
    expect(idsIn(all)).toHaveLength(23);
    expect(all).not.toContain('not shown');
    expect(runCli(dir, ['usage', 'sessions', '--top', '2']).stdout).not.toContain('not shown');
    const json = JSON.parse(runCli(dir, ['usage', 'sessions', '--format', 'json']).stdout);
    expect(json.sessions).toHaveLength(23);
    const both = runCli(dir, ['usage', 'sessions', '--all', '--top', '2']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--top.*cannot be used with.*--all/);
  });

  it('reports cache hit rate and savings by model', () => {
    const json = JSON.parse(runCli(seeded(), ['usage', 'cache', '--format', 'json']).stdout);
    expect(json.models[0]).toMatchObject({
      model: 'gpt-4o',
      cacheReadTokens: 300,
      hitRate: 0.2,
      cacheSavingsUsd: '0.000375',
    });
  });

  it('fails with one line on a ledger written by a newer chatmeter', () => {
    const dir = home();
    seedLedger(dir, []);
    const file = `${dir}/usage.db`;
    const db = new DatabaseSync(file);
    db.exec('PRAGMA user_version = 99');
    db.close();
    const run = runCli(dir, ['usage']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/newer chatmeter/);
  });
});
