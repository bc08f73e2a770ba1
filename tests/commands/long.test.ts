import { describe, expect, it } from 'vitest';
import { completeSlash } from '../../src/commands/complete';
import { COMMANDS, runSlashCommand } from '../../src/commands/registry';
import { commandContext } from './context';

const real = () => ({ ...commandContext(), mode: 'real' as const });

describe('/long', () => {
  it('sends /long N to the mock provider as a message in mock mode', async () => {
    expect(await runSlashCommand('/long 500', commandContext())).toEqual({
      kind: 'message',
      text: '/long 500',
    });
    expect(await runSlashCommand('  /long   9999999 ', commandContext())).toEqual({
      kind: 'message',
      text: '/long 9999999',
    });
  });

  it.each(['/long', '/long abc', '/long 99999999', '/long -5', '/long 5 6'])(
    'answers %s in mock mode with how to use /long (not as an unknown command)',
    async (text) => {
      expect(await runSlashCommand(text, commandContext())).toEqual({
        kind: 'notice',
        level: 'warn',
        text: '/long takes a number of tokens up to 9,999,999, e.g. /long 2000.',
      });
    },
  );

  it('says in real mode that /long is a mock-only command', async () => {
    expect(await runSlashCommand('/long 500', real())).toEqual({
      kind: 'notice',
      level: 'warn',
      text: '/long works only in mock mode (chatmeter --mock); a real model decides its own length.',
    });
  });

  it('is in /help and Tab completion in mock mode only', async () => {
    const help = async (context: ReturnType<typeof commandContext>) => {
      const result = await runSlashCommand('/help', context);
      return result?.kind === 'text' ? result.text : '';
    };
    expect(await help(commandContext())).toMatch(
      /\n {2}\/long N +mock mode: ask for a reply of about N tokens\nKeys:/,
    );
    expect(await help(real())).not.toContain('/long');
    expect(completeSlash('/lo', COMMANDS, commandContext())).toEqual({
      input: '/long ',
      candidates: [],
    });
    expect(completeSlash('/lo', COMMANDS, real())).toEqual({ input: '/lo', candidates: [] });
    expect(completeSlash('/', COMMANDS, real()).candidates).not.toContain('/long');
  });

  it('suggests no mock-only command for a typo in real mode', async () => {
    expect(await runSlashCommand('/lon', real())).toMatchObject({
      text: 'Unknown command /lon. Type /help for the list.',
    });
    expect(await runSlashCommand('/lon', commandContext())).toMatchObject({
      text: 'Unknown command /lon. Did you mean /long?',
    });
  });
});
