import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { decodeRankTable, o200kCounter } from '../../../src/core/tokens/o200k';
import { o200kTableBytes } from '../../../src/core/tokens/o200k-data';

const countO200k = o200kCounter(decodeRankTable(o200kTableBytes()));
/** gpt-tokenizer throws on special-token text; ours counts it as text (a provider does). */
const plain = (text: string) => !text.includes('<|');

describe('o200k counting over the compact rank table', () => {
  it.each([
    '',
    'hi',
    'Hello there, how many tokens is this sentence — with ünïcödé and 日本語?',
    'emoji 👩‍👩‍👧‍👦 and ZWJ, tabs\tand\nnewlines, code: `const x = a?.b ?? 0;`',
    'Здравствуйте! مرحبا بالعالم. 안녕하세요. สวัสดีครับ',
    "I'm sure they'LL say it's 1234567 or 3.14159…   \n\n\r\n  trailing   ",
    'lone surrogate \ud800 here',
    'x'.repeat(5000),
  ])('counts %j as gpt-tokenizer does', (text) => {
    expect(countO200k(text)).toBe(countTokens(text));
  });

  it('counts this repository’s README and a recorded reply as gpt-tokenizer does', () => {
    for (const file of ['README.md', 'tests/fixtures/openai/chat-basic.json']) {
      const text = readFileSync(file, 'utf8');
      expect(countO200k(text)).toBe(countTokens(text));
    }
  });

  it('counts any text as gpt-tokenizer does', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })),
        (text) => {
          fc.pre(plain(text));
          expect(countO200k(text)).toBe(countTokens(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts any ASCII text as gpt-tokenizer does (its own pre-tokeniser pattern)', () => {
    const ascii = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 80 }),
      fc.stringMatching(/^[A-Za-z0-9 '\n.,!?-]{0,80}$/),
    );
    fc.assert(
      fc.property(ascii, (text) => {
        fc.pre(plain(text));
        expect(countO200k(text)).toBe(countTokens(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a table that is not 4-byte aligned in its buffer (copying its numbers)', () => {
    const table = o200kTableBytes();
    const shifted = new Uint8Array(table.length + 1);
    shifted.set(table, 1);
    const count = o200kCounter(decodeRankTable(shifted.subarray(1)));
    const text = 'Hello there, how many tokens — with ünïcödé?';
    expect(count(text)).toBe(countTokens(text));
  });

  it('counts special-token text as ordinary text', () => {
    expect(countO200k('<|endoftext|>')).toBe(
      countTokens('<|endoftext|>', { disallowedSpecial: new Set() }),
    );
  });
});
