import { describe, expect, it } from 'vitest';
import { runSlashCommand } from '../../src/commands/registry';
import { mockReplyFor } from '../../src/core/providers/mock-reply';
import { commandContext } from './context';

describe('first-hour wording', () => {
  it('/help says Tab completes model ids and paths too', async () => {
    const help = await runSlashCommand('/help', commandContext());
    expect(help).toMatchObject({
      kind: 'text',
      text: expect.stringMatching(/Tab +complete a command, a model id or a path\n/),
    });
  });

  it('no mock reply tells a one-shot user to type /usage as if in the chat', () => {
    const tips = Array.from({ length: 200 }, (_, i) => mockReplyFor(`prompt number ${i}`))
      .map((reply) => /- tip: (.*)/.exec(reply)?.[1] ?? '')
      .filter((tip) => tip.includes('/usage'));
    expect(tips.length).toBeGreaterThan(0);
    for (const tip of tips) expect(tip).toMatch(/^In the chat, /);
  });
});
