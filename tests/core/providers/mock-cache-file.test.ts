import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MockCacheFile } from '../../../src/core/providers/mock-cache-file';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'chatmeter-mock-cache-')), 'data', 'mock-cache.json');

describe('the file the mock keeps its prompt cache in', () => {
  it('keeps only live entries, in a private file', () => {
    const file = fileIn();
    const cache = new MockCacheFile(file);
    cache.save(new Map([['gone', 1_000], ['live', 3_000]]), 2_000);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ live: 3_000 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect([...cache.load(2_500)]).toEqual([['live', 3_000]]);
    expect([...cache.load(3_000)]).toEqual([]);
  });

  it.each([
    ['missing', null],
    ['not JSON', 'not json'],
    ['not an object', '[1, 2]'],
    ['with a bad expiry', '{"a": "soon"}'],
  ])('reads as a cold cache when %s', (_name, text) => {
    const file = fileIn();
    const cache = new MockCacheFile(file);
    if (text !== null) {
      cache.save(new Map(), 0);
      writeFileSync(file, text);
    }
    expect([...cache.load(0)]).toEqual([]);
  });
});
