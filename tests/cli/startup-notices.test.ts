import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io';
import { buildChatServices, MOCK_FALLBACK_NOTICE } from '../../src/cli/services';
import { configFilePath } from '../../src/core/config/load';

/** Builds the chat services with no API key, in a fresh home whose config file holds `config`. */
async function startupNoticesWith(
  config: string,
  flags: { baseUrl?: string; serviceTier?: 'flex'; model?: string } = {},
  keys: NodeJS.ProcessEnv = {},
) {
  const env: NodeJS.ProcessEnv = {
    CHATMETER_HOME: mkdtempSync(join(tmpdir(), 'chatmeter-sn-')),
    ...keys,
  };
  const file = configFilePath(env);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, config);
  const sink = { write: () => true };
  const io: Io = { stdout: sink, stderr: sink, stdin: process.stdin, env };
  const options = { stream: true, ledger: false, color: false, ...flags };
  const services = await buildChatServices(options, io);
  await services.close();
  return services.startupNotices;
}

describe('start-up notices', () => {
  it('gives a config-file problem as a warning and the mock-mode notice as info', async () => {
    const notices = await startupNoticesWith('{not json');
    expect(notices).toEqual([
      { level: 'warn', text: expect.stringContaining('is not valid JSON') },
      { level: 'info', text: MOCK_FALLBACK_NOTICE },
    ]);
  });

  it('warns about an option that mock mode ignores', async () => {
    const notices = await startupNoticesWith('{}', { baseUrl: 'http://localhost:11434/v1' });
    expect(notices).toContainEqual({ level: 'warn', text: '--base-url is ignored in mock mode.' });
  });

  it('warns that --service-tier applies to OpenAI only', async () => {
    const anthropic = await startupNoticesWith(
      '{}',
      { serviceTier: 'flex', model: 'claude-haiku-4-5' },
      { ANTHROPIC_API_KEY: 'sk-ant-test' },
    );
    expect(anthropic).toContainEqual({
      level: 'warn',
      text: '--service-tier applies to OpenAI only; ignored for Anthropic.',
    });
    const mock = await startupNoticesWith('{}', { serviceTier: 'flex' });
    expect(mock).toContainEqual({
      level: 'warn',
      text: '--service-tier applies to OpenAI only; ignored in mock mode.',
    });
  });

  it('stays quiet about a config serviceTier in mock mode and on OpenAI', async () => {
    const tierWarning = { level: 'warn', text: expect.stringContaining('--service-tier') };
    expect(await startupNoticesWith('{"serviceTier":"flex"}')).not.toContainEqual(tierWarning);
    const openai = await startupNoticesWith(
      '{"serviceTier":"flex"}',
      { model: 'gpt-5-mini' },
      { OPENAI_API_KEY: 'sk-test' },
    );
    expect(openai).not.toContainEqual(tierWarning);
  });
});
