import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../core/ledger/helpers';
import { useOtlpReceiver } from '../helpers/otlp-receiver';

const temp = tempDir('chatmeter-otel-off-');
const receiver = useOtlpReceiver();
afterAll(() => temp.cleanup());

// Strings that survive minification: the OTLP exporter's user agent, our metric name.
const MARKERS = ['OTel-OTLP-Exporter-JavaScript', 'gen_ai.client.token.usage'];

/** Runs the built CLI with a module load hook; returns the bundle files it loaded. */
async function loadedFiles(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string[]> {
  const log = `${temp.dir}/loaded-${Math.random().toString(36).slice(2)}.log`;
  const hook = `${temp.dir}/hook.mjs`;
  writeFileSync(
    hook,
    `import { registerHooks } from 'node:module';
import { appendFileSync } from 'node:fs';
registerHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); } });
`,
  );
  // Asynchronous, so this process's receiver can answer the child meanwhile.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', hook, 'dist/cli.js', ...args], {
    env: {
      ...process.env,
      CHATMETER_HOME: temp.dir,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver().origin,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code, stderr).toBe(0);
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:') && url.includes('/dist/'))
    .map((url) => fileURLToPath(url));
}

const withMarker = (files: readonly string[]) =>
  files.filter((file) => MARKERS.some((marker) => readFileSync(file, 'utf8').includes(marker)));

describe('telemetry turned off', () => {
  it.each([
    [['--version'], {}],
    [['-p', 'hi', '--mock'], {}],
    [['-p', 'hi', '--mock'], { CHATMETER_TELEMETRY: '0' }],
    [['models'], { CHATMETER_TELEMETRY: '1' }],
  ])('%o (%o) loads no OpenTelemetry module and sends nothing', async (args, env) => {
    const before = receiver().requests.length;
    const files = await loadedFiles(args, env);
    expect(files.length).toBeGreaterThan(0);
    expect(withMarker(files)).toEqual([]);
    expect(receiver().requests.length).toBe(before);
  });

  it('with CHATMETER_TELEMETRY=1 the same one-shot loads it and counts the session', async () => {
    const before = receiver().requests.length;
    const files = await loadedFiles(['-p', 'hi', '--mock'], { CHATMETER_TELEMETRY: '1' });
    expect(withMarker(files).length).toBeGreaterThan(0);
    const sent = receiver()
      .requests.slice(before)
      .flatMap((r) => r.points);
    expect(sent.map((p) => p.metric)).toEqual(['chatmeter.session.count']);
  });

  it('finds every marker in the bundle (so their absence means something)', () => {
    const chunks = readdirSync('dist/chunks').map((name) =>
      readFileSync(`dist/chunks/${name}`, 'utf8'),
    );
    for (const marker of MARKERS) expect(chunks.some((text) => text.includes(marker))).toBe(true);
  });

  it('turns on from the config file too, and CHATMETER_TELEMETRY=0 wins over it', async () => {
    const home = `${temp.dir}/configured`;
    const config = (args: string[]) =>
      spawnSync(process.execPath, ['dist/cli.js', 'config', ...args], {
        encoding: 'utf8',
        env: { ...process.env, CHATMETER_HOME: home },
      });
    expect(config(['set', 'telemetry.enabled', 'yes']).stderr).toMatch(/expected true or false/);
    expect(config(['set', 'telemetry.enabled', 'true']).status).toBe(0);
    expect(config(['get', 'telemetry.enabled']).stdout.trim()).toBe('true');
    const sessionsSent = async (env: NodeJS.ProcessEnv) => {
      const before = receiver().requests.length;
      await loadedFiles(['-p', 'hi', '--mock'], { CHATMETER_HOME: home, ...env });
      return receiver()
        .requests.slice(before)
        .flatMap((r) => r.points).length;
    };
    expect(await sessionsSent({})).toBe(1);
    expect(await sessionsSent({ CHATMETER_TELEMETRY: '0' })).toBe(0);
  });
});
