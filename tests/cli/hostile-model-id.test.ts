import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeCall } from '../core/ledger/helpers';
import { homeFolders, runCli, seedLedger } from './usage-helpers';

const home = homeFolders('chatmeter-hostile-id-');

/** ESC (a colour and a screen clear), BEL, the one-byte CSI, a bidi override and a line break. */
const HOSTILE = 'gpt-4o\x1b[31mRED\x1b[2J\x07\x9b6n\u202eevil\nsecond-line';
/** What a terminal acts on; none of it may reach one from chatmeter. */
const DRIVES_TERMINAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** A ledger holding one call whose model id is hostile (as written by an older chatmeter). */
function seeded(mode: 'real' | 'mock'): string {
  const dir = home();
  seedLedger(dir, [
    {
      mode,
      calls: [
        makeCall({
          model: HOSTILE,
          provider: mode === 'mock' ? 'mock' : 'openai',
          costPicoUsd: null,
        }),
      ],
    },
  ]);
  return dir;
}

const REPORTS = [
  ['usage', '--by', 'model'],
  ['usage', '--by', 'provider'],
  ['usage', 'sessions'],
  ['usage', 'cache'],
  ['usage', 'show', 'last'],
];

describe('a model id with terminal escape sequences in the ledger', () => {
  it.each(
    REPORTS.flatMap((args) =>
      ['table', 'markdown', 'csv', 'json'].map((format) => ({ args, format })),
    ),
  )('is shown visibly, never raw, by $args as $format', ({ args, format }) => {
    const dir = seeded('real');
    const run = runCli(dir, [...args, '--period', 'all', '--format', format].filter(
      (arg, i, all) => !(args.includes('show') && (arg === '--period' || all[i - 1] === '--period')),
    ));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(DRIVES_TERMINAL);
    const showsId = !args.includes('provider') && !args.includes('sessions');
    if (format === 'json' && showsId) {
      // The same id, escaped: JSON stays lossless.
      expect(JSON.stringify(JSON.parse(run.stdout))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    } else if (showsId) {
      // Markdown writes a line break in a cell as a space; CSV quotes it (RFC 4180).
      expect(run.stdout).toMatch(/gpt-4o␛\[31mRED␛\[2J␇<9B>6nevil(␊| |\n)second-line/);
      // The id stays on one line of the report (in CSV, inside one quoted field).
      if (format === 'csv') expect(run.stdout).toContain('"gpt-4o␛');
      else expect(run.stdout).not.toMatch(/^second-line/m);
    }
  });
});

describe('a model id with control characters where it enters', () => {
  it.each([
    ['-m / --model', (_dir: string) => ['-p', 'hi', '--mock', '-m', HOSTILE]],
    ['cost --model', (_dir: string) => ['cost', '--model', HOSTILE, '--usage', '{"prompt_tokens":1}']],
    [
      'a pricing file',
      (dir: string) => {
        const file = `${dir}/pricing.json`;
        writeFileSync(file, JSON.stringify({ models: { [HOSTILE]: { provider: 'openai', input: 1, output: 2 } } }));
        return ['-p', 'hi', '--mock', '--pricing', file];
      },
    ],
  ])('is refused with one clear line (exit 2): %s', (_what, argsOf) => {
    const dir = home();
    const run = runCli(dir, argsOf(dir), { CHATMETER_MOCK_DELAY_MS: '0' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/model id "gpt-4o␛\[31mRED.*" contains a control character \(U\+001B\)/);
    expect(run.stderr).not.toMatch(DRIVES_TERMINAL);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('is refused in the config file, which then warns and uses the defaults', () => {
    const dir = home();
    writeFileSync(`${dir}/config.json`, JSON.stringify({ defaultModel: HOSTILE }));
    const run = runCli(dir, ['-p', 'hi', '--mock'], { CHATMETER_MOCK_DELAY_MS: '0' });
    expect(run.stderr).toMatch(/contains a control character \(U\+001B\)/);
    expect(run.stderr).not.toMatch(DRIVES_TERMINAL);
  });
});
