import { describe, expect, it } from 'vitest';
import { modelIdProblem } from '../../src/core/model-id';
import {
  sanitizeTerminalLine,
  sanitizeTerminalText,
  terminalSafeJson,
} from '../../src/core/terminal-text';
import { ScriptedProvider, testSession } from './chat/helpers';

describe('the terminal sanitiser', () => {
  it.each([
    ['right-to-left \u202eoverride', 'right-to-left override'],
    ['isolates \u2066a\u2069 and embeddings \u202ab\u202c', 'isolates a and embeddings b'],
  ])('removes bidi controls: %j', (input, expected) => {
    expect(sanitizeTerminalText(input)).toBe(expected);
    expect(sanitizeTerminalLine(input)).toBe(expected);
  });

  it('keeps one-line text on one line: line feeds and tabs become visible', () => {
    expect(sanitizeTerminalLine('gpt\x1b[31m\nnext\tcol\x9b')).toBe('gpt␛[31m␊next␉col<9B>');
  });

  it('escapes in JSON what JSON.stringify leaves raw, keeping the same value', () => {
    const value = { model: 'a\x9bb\u202ec\u2028d' };
    const json = terminalSafeJson(JSON.stringify(value));
    expect(json).toBe('{"model":"a\\u009bb\\u202ec\\u2028d"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('model ids', () => {
  it.each(['gpt-5-mini', 'openai/gpt-4o', 'llama3.1:8b', 'claude-sonnet-4-5@20250929'])(
    'accepts plain ids: %s',
    (id) => expect(modelIdProblem(id)).toBeNull(),
  );

  it.each([
    ['gpt\x1b[2J', 'U+001B'],
    ['gpt\nx', 'U+000A'],
    ['gpt\x9b', 'U+009B'],
    ['gpt\u202e', 'U+202E'],
  ])('refuses %j naming the character', (id, code) => {
    expect(modelIdProblem(id)).toContain(`contains a control character (${code})`);
  });

  it('/model refuses an id with control characters and keeps the current model', () => {
    const session = testSession(new ScriptedProvider([]));
    const result = session.switchModel('gpt-4o\x1b[31m');
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.message).toMatch(/^The model id "gpt-4o␛\[31m" contains/);
    expect(session.model).toBe('test-model');
  });
});
