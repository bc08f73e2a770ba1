import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectory } from '../../src/core/make-dir';

describe('makeDirectory', () => {
  it('creates missing parents with the given mode, and accepts an existing folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'chatmeter-mkdir-'));
    makeDirectory(join(root, 'a', 'b'), 0o700);
    makeDirectory(join(root, 'a', 'b'), 0o700);
    expect(statSync(join(root, 'a', 'b')).mode & 0o777).toBe(0o700);
  });

  it.each([
    ['a path under /proc (where recursive mkdir spins forever)', () => '/proc/x/y', 'ENOENT'],
    [
      'a path under a file',
      () => {
        const file = join(mkdtempSync(join(tmpdir(), 'chatmeter-mkdir-')), 'file');
        writeFileSync(file, '');
        return join(file, 'sub');
      },
      'ENOTDIR',
    ],
  ])('throws at once for %s', (_what, pathOf, code) => {
    expect(() => makeDirectory(pathOf())).toThrow(expect.objectContaining({ code }));
  });
});
