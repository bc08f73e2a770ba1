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

/** Runs the built CLI with a module load hook; returns the bundle files it loaded, and stderr. */
async function run(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ files: string[]; stderr: string }> {
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
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:') && url.includes('/dist/'))
    .map((url) => fileURLToPath(url));
  return { files, stderr };
}

const loadedFiles = async (args: readonly string[], env: NodeJS.ProcessEnv) =>
  (await run(args, env)).files;

const MOCK_NOTICE = 'Telemetry is on; mock calls are not exported.';

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

  it('with CHATMETER_TELEMETRY=1 a mock one-shot says telemetry is on and sends nothing at all', async () => {
    const before = receiver().requests.length;
    const { stderr } = await run(['-p', 'hi', '--mock'], { CHATMETER_TELEMETRY: '1' });
    expect(stderr).toContain(MOCK_NOTICE);
    // Not even chatmeter.session.count: a mock session is never exported (README).
    expect(receiver().requests.length).toBe(before);
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
    const telemetryOn = async (env: NodeJS.ProcessEnv) => {
      const { files, stderr } = await run(['-p', 'hi', '--mock'], { CHATMETER_HOME: home, ...env });
      return { notice: stderr.includes(MOCK_NOTICE), loaded: withMarker(files).length > 0 };
    };
    expect(await telemetryOn({})).toEqual({ notice: true, loaded: true });
    expect(await telemetryOn({ CHATMETER_TELEMETRY: '0' })).toEqual({
      notice: false,
      loaded: false,
    });
  });
});
