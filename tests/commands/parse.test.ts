import { describe, expect, it } from 'vitest';
import { nearestName, parseSlash } from '../../src/commands/parse';
import { editDistance } from '../../src/core/edit-distance';
import { classifyLine } from '../../src/ui/submit';

describe('parseSlash', () => {
  it.each([
    ['/usage', { name: 'usage', args: '' }],
    ['  /MODEL   gpt-4o  ', { name: 'model', args: 'gpt-4o' }],
    ['/budget 2.50', { name: 'budget', args: '2.50' }],
    ['/model\tclaude-sonnet-4-5', { name: 'model', args: 'claude-sonnet-4-5' }],
  ])('parses %j', (input, expected) => {
    expect(parseSlash(input)).toEqual(expected);
  });

  it.each(['hello', '/', '// not a command', '/ usage', '/usr/bin/env is a path', '/1abc'])(
    'does not treat %j as a command',
    (input) => {
      expect(parseSlash(input)).toBeNull();
    },
  );
});

describe('nearest command name', () => {
  const names = ['usage', 'cost', 'stats', 'model', 'models', 'clear', 'help', 'exit', 'quit'];

  it.each([
    ['usge', 'usage'],
    ['modle', 'model'],
    ['hlep', 'help'],
    ['exti', 'exit'],
    ['cler', 'clear'],
    ['mod', 'model'],
    ['sta', 'stats'],
  ])('suggests /%s -> /%s', (typo, expected) => {
    expect(nearestName(typo, names)).toBe(expected);
  });

  it('suggests nothing for a word far from every command', () => {
    expect(nearestName('banana', names)).toBeNull();
    expect(nearestName('xyz', names)).toBeNull();
  });

  it('computes edit distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('classifyLine', () => {
  it('sends //text as the message /text, a slash command as a command, other text as a message', () => {
    expect(classifyLine('//usage is a word')).toEqual({ kind: 'message', text: '/usage is a word' });
    expect(classifyLine('/long 500')).toEqual({ kind: 'command', text: '/long 500' });
    expect(classifyLine('what is /usr/bin?')).toEqual({
      kind: 'message',
      text: 'what is /usr/bin?',
    });
  });
});
