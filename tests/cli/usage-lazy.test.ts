import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeCall, tempDir } from '../core/ledger/helpers';
import { seedLedger } from './usage-helpers';

const temp = tempDir('chatmeter-usage-lazy-');
afterAll(() => temp.cleanup());

// Strings that survive minification: React's element symbol, the SDKs' request headers.
const MARKERS = ['react.transitional.element', 'X-Stainless', 'anthropic-version'];

/** URLs of the modules `node dist/cli.js ...args` loads (bundle files and builtins), through a module load hook. */
function loadedUrls(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): string[] {
  const log = `${temp.dir}/loaded-${args.join('-').replace(/\W/g, '')}.log`;
  const hook = `${temp.dir}/hook.mjs`;
  writeFileSync(
    hook,
    `import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); } });
`,
  );
  const run = spawnSync(process.execPath, ['--import', hook, 'dist/cli.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHATMETER_HOME: temp.dir, ...extraEnv },
  });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(log, 'utf8').split('\n');
}

/** Files of the bundle that `node dist/cli.js ...args` loads. */
function loadedFiles(args: readonly string[]): string[] {
  return loadedUrls(args)
    .filter((url) => url.startsWith('file:') && url.includes('/dist/'))
    .map((url) => fileURLToPath(url));
}

/** string-width's emoji pattern: its tables and segmenter cost about 20 ms to load. */
const STRING_WIDTH_MARKER = 'RGI_Emoji';

describe('chatmeter usage start-up', () => {
  seedLedger(temp.dir, [{ mode: 'real', calls: [makeCall()] }]);

  it.each([
    [['usage', '--by', 'model']],
    [['usage', 'show', 'last']],
    [['usage', 'cache', '--format', 'json']],
  ])('%o loads neither ink nor an SDK', (args) => {
    const files = loadedFiles(args);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const marker of MARKERS)
        expect(text.includes(marker), `${file} has ${marker}`).toBe(false);
    }
  });

  it.each(MARKERS)(
    'finds the marker %s in some chunk of the bundle (so its absence means something)',
    (marker) => {
      const chunks = readdirSync('dist/chunks').map((name) =>
        readFileSync(`dist/chunks/${name}`, 'utf8'),
      );
      expect(chunks.some((text) => text.includes(marker))).toBe(true);
    },
  );
});

describe('start-up of commands that need no text wrapping or process spawning', () => {
  seedLedger(temp.dir, [{ mode: 'real', calls: [makeCall()] }]);

  it.each([[['usage', '--by', 'day']], [['usage', 'sessions']], [['usage', '--by', 'model']]])(
    '%o does not load string-width',
    (args) => {
      for (const file of loadedFiles(args)) {
        expect(readFileSync(file, 'utf8').includes(STRING_WIDTH_MARKER), file).toBe(false);
      }
    },
  );

  it('finds string-width in some chunk of the bundle (so its absence means something)', () => {
    const chunks = readdirSync('dist/chunks').map((name) => readFileSync(`dist/chunks/${name}`, 'utf8'));
    expect(chunks.some((text) => text.includes(STRING_WIDTH_MARKER))).toBe(true);
  });

  it.each([[['--version']], [['usage']], [['status']], [['-p', 'hi', '--mock']]])(
    '%o does not load child_process',
    (args) => {
      const urls = loadedUrls(args, { CHATMETER_MOCK_DELAY_MS: '0' });
      expect(urls).toContain('node:path');
      expect(urls).not.toContain('node:child_process');
    },
  );
});
