import { describe, expect, it } from 'vitest';
import { typedPath } from '../../../src/core/files/typed-path';

describe('typedPath', () => {
  it.each([
    ['notes.md', 'linux', 'notes.md'],
    ['/tmp/a\\ b.txt', 'darwin', '/tmp/a b.txt'],
    ['~/Downloads/report\\ \\(final\\)\\ \\&\\ notes.txt', 'darwin', '~/Downloads/report (final) & notes.txt'],
    ["/tmp/it\\'s.txt", 'linux', "/tmp/it's.txt"],
    ['/tmp/back\\\\slash.txt', 'darwin', '/tmp/back\\slash.txt'],
    ['"/tmp/a b.txt"', 'darwin', '/tmp/a b.txt'],
    ["'/tmp/a\\ b.txt'", 'darwin', '/tmp/a\\ b.txt'],
    ['C:\\Users\\me\\notes.md', 'win32', 'C:\\Users\\me\\notes.md'],
  ])('reads %s on %s as %s', (typed, platform, path) => {
    expect(typedPath(typed, platform)).toBe(path);
  });
});
