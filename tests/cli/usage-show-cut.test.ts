import { describe, expect, it } from 'vitest';
import { makeCall } from '../core/usage/tracker-fixtures';
import { homeFolders, runCli, seedLedger } from './usage-helpers';

const home = homeFolders('chatmeter-usage-show-cut-');

describe('usage show with replies cut short', () => {
  it('gives in JSON the cut replies by kind that the table notes', () => {
    const dir = home();
    seedLedger(dir, [
      {
        mode: 'real',
        calls: [
          makeCall({ sessionId: 's-cut', model: 'gpt-4o', stopReason: 'length' }),
          makeCall({ sessionId: 's-cut', model: 'gpt-4o', stopReason: 'stop' }),
          makeCall({ sessionId: 's-cut', model: 'gpt-4o', stopReason: 'content_filter' }),
          makeCall({
            sessionId: 's-cut',
            provider: 'anthropic',
            model: 'claude-sonnet-4-5',
            stopReason: 'max_tokens',
          }),
        ],
      },
    ]);
    expect(runCli(dir, ['usage', 'show', 'last']).stdout).toContain(
      'Cut short: 3 of 4 calls stopped early (max tokens 2, content filter 1)',
    );
    const json = JSON.parse(runCli(dir, ['usage', 'show', 'last', '--format', 'json']).stdout);
    expect(json.cutReplies).toEqual({ max_tokens: 2, content_filter: 1 });
    expect(
      Object.fromEntries(
        (json.models as { model: string; cutReplies: unknown }[]).map((m) => [m.model, m.cutReplies]),
      ),
    ).toEqual({
      'gpt-4o': { max_tokens: 1, content_filter: 1 },
      'claude-sonnet-4-5': { max_tokens: 1 },
    });
  });
});
