import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childOutput } from '../helpers/child-output';
import { replayResponse } from '../helpers/replay-server';
import { useReplayServer } from '../helpers/replay-suite';

const OPENAI_KEY = 'sk-proj-PLANTED0openai0key0123456789';
const ANTHROPIC_KEY = 'sk-ant-api03-PLANTED0anthropic0key0123456789';
/** The distinctive part of both keys: found anywhere, a key leaked (masked forms included). */
const PLANTED = /PLANTED0/;

const server = useReplayServer();

/** An error body that echoes the key and the request's headers back, as some servers do. */
function echoingError(status: number, key: string): ReturnType<typeof replayResponse> {
  const body = {
    type: 'error',
    error: {
      type: status === 401 ? 'authentication_error' : 'invalid_request_error',
      message: `Incorrect API key provided: ${key}`,
      request_headers: { authorization: `Bearer ${key}`, 'x-api-key': key },
    },
  };
  return replayResponse(JSON.stringify(body), status, { 'content-type': 'application/json' });
}

/** Every file under `dir`, recursively, as bytes decoded leniently. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return [{ path, text: readFileSync(path).toString('latin1') }];
  });
}

const cases = [
  { model: 'gpt-4o-mini', status: 401, extra: [] },
  { model: 'gpt-4o-mini', status: 400, extra: ['--no-stream'] },
  { model: 'claude-haiku-4-5', status: 401, extra: [] },
  { model: 'claude-haiku-4-5', status: 400, extra: ['--no-stream'] },
];

describe('SDK debug logging (OPENAI_LOG / ANTHROPIC_LOG=debug)', () => {
  it.each(cases)(
    'never writes the key anywhere, and keeps stdout one JSON object ($model, $status $extra)',
    async ({ model, status, extra }) => {
      const home = mkdtempSync(join(tmpdir(), 'chatmeter-leak-'));
      const key = model.startsWith('gpt') ? OPENAI_KEY : ANTHROPIC_KEY;
      server.serve(echoingError(status, key));
      const env = { ...process.env };
      for (const name of ['OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'DEBUG']) delete env[name];
      const child = spawn(
        process.execPath,
        ['dist/cli.js', '-p', 'hi', '--model', model, '--json', ...extra],
        {
          env: {
            ...env,
            CHATMETER_HOME: home,
            OPENAI_LOG: 'debug',
            ANTHROPIC_LOG: 'debug',
            OPENAI_API_KEY: OPENAI_KEY,
            ANTHROPIC_API_KEY: ANTHROPIC_KEY,
            OPENAI_BASE_URL: `${server.origin}/v1`,
            ANTHROPIC_BASE_URL: server.origin,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const run = await childOutput(child);
      expect(run.code).toBe(1);
      // Debug logging was on, and went to stderr through our logger, redacted.
      expect(run.stderr).toMatch(/^chatmeter: (openai|anthropic) SDK debug: .*response error/m);
      // The Anthropic SDK logs error bodies, which here echo the key.
      if (model.startsWith('claude')) expect(run.stderr).toContain('[redacted]');
      const json = JSON.parse(run.stdout) as { outcome: string; error: { status: number } };
      expect(json).toMatchObject({ outcome: 'failed', error: { status } });
      const files = filesUnder(home);
      expect(files.length).toBeGreaterThan(0);
      for (const written of [run.stdout, run.stderr, ...files.map((file) => file.text)]) {
        expect(written).not.toMatch(PLANTED);
      }
    },
  );
});
