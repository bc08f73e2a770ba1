import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyTokenEstimator } from '../../../src/core/tokens/estimate';
import { FileAttacher } from '../../../src/core/files/attacher';
import {
  AttachmentError,
  composeMessage,
  splitMessage,
  formatBytes,
  readAttachment,
} from '../../../src/core/files/attachment';
import { pathCompletions } from '../../../src/core/files/complete-path';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import { attachmentLine } from '../../../src/reports/session/attachment-line';

const dir = mkdtempSync(join(tmpdir(), 'chatmeter-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string, content: string | Uint8Array) => {
  writeFileSync(join(dir, name), content);
  return name;
};

at('notes.md', 'hello from a file\nline two\n');
at('nul.bin', new Uint8Array([0x68, 0x00, 0x69]));
at('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
at('big.txt', 'x'.repeat(2049));
at('exact.txt', 'y'.repeat(2048));
mkdirSync(join(dir, 'folder'));
at('folder/inner.txt', 'inside');
at('.hidden', 'secret');
at(`ev\x1b[2Jil.txt`, 'hostile name');
symlinkSync(join(dir, 'folder'), join(dir, 'link-to-folder'));

describe('readAttachment', () => {
  it('reads a text file as it is', () => {
    expect(readAttachment('notes.md', 2048, dir)).toEqual({
      name: 'notes.md',
      text: 'hello from a file\nline two\n',
      bytes: 27,
      realPath: realpathSync(join(dir, 'notes.md')),
    });
  });

  it('takes a file of exactly the limit', () => {
    expect(readAttachment('exact.txt', 2048, dir).bytes).toBe(2048);
  });

  it.each([
    ['missing.txt', 'Cannot attach missing.txt: no such file; check the path.'],
    // An empty path (`-f ""`) would resolve to the working folder.
    ['', 'No file path given: name the text file to attach.'],
    ['notes.md/x', 'Cannot attach notes.md/x: no such file; check the path.'],
    ['folder', 'folder is a folder: attach the files in it one by one.'],
    ['nul.bin', 'nul.bin looks binary (not UTF-8 text): only text files can be attached.'],
    ['latin1.txt', 'latin1.txt looks binary (not UTF-8 text): only text files can be attached.'],
    [
      'big.txt',
      'big.txt is 2,049 bytes, over the 2,048-byte limit for attachments; raise it with chatmeter config set files.maxBytes 2049.',
    ],
    ['/dev/null', '/dev/null is not a regular file: only text files can be attached.'],
    // The name is shown with its controls made visible, never acted on by the terminal.
    [`gone\x1b[2J\x07.txt`, 'Cannot attach gone␛[2J␇.txt: no such file; check the path.'],
  ])('refuses %j with one line: %s', (path, message) => {
    expect(() => readAttachment(path, 2048, dir)).toThrow(new AttachmentError(path, message));
  });

  it('never suggests a files.maxBytes over the highest one accepted', () => {
    // Sparse: 17 MB on disk cost nothing, and the size is checked before reading.
    const own = mkdtempSync(join(tmpdir(), 'chatmeter-huge-'));
    writeFileSync(join(own, 'huge.log'), '');
    truncateSync(join(own, 'huge.log'), 17 * 1024 * 1024);
    expect(() => readAttachment('huge.log', 2048, own)).toThrow(
      new AttachmentError(
        'huge.log',
        'huge.log is 17 MB, over the 16 MB limit files.maxBytes can be raised to; attach a part of it instead.',
      ),
    );
    rmSync(own, { recursive: true, force: true });
  });

  it('says a file it may not read is unreadable', () => {
    if (process.getuid?.() === 0) return; // root reads anything: nothing to refuse
    const file = at('locked.txt', 'x');
    chmodSync(join(dir, file), 0o000);
    expect(() => readAttachment(file, 2048, dir)).toThrow("Cannot attach locked.txt: permission denied; check the file's permissions.");
  });
});

describe('composeMessage', () => {
  const file = { name: 'a "b".md', text: 'body', bytes: 4 };
  it.each([
    ['no files', 'hi', [], 'hi'],
    ['one file', 'sum up', [file], '<file name="a \\"b\\".md">\nbody\n</file>\n\nsum up'],
    ['only files', '  ', [file, file], '<file name="a \\"b\\".md">\nbody\n</file>\n\n<file name="a \\"b\\".md">\nbody\n</file>'],
  ])('%s', (_name, text, files, message) => {
    expect(composeMessage(text, files)).toBe(message);
  });
});

describe('splitMessage', () => {
  const file = { name: 'a "b".md', text: 'body\n</file> inside\n', bytes: 20 };
  const other = { name: 'c.txt', text: 'no newline at the end', bytes: 21 };
  it.each([
    ['a message with no files', 'hi', [] as (typeof file)[]],
    ['one file and text', 'sum up', [file]],
    ['two files and text', 'compare them', [file, other]],
    ['only files', '', [file, other]],
  ])('takes apart %s as composeMessage put it together', (_name, text, files) => {
    const parts = splitMessage(composeMessage(text, files));
    expect(parts.text).toBe(text);
    expect(parts.files).toEqual(
      files.map((f) => ({ name: f.name, text: f.text.endsWith('\n') ? f.text : `${f.text}\n` })),
    );
  });

  it.each([
    ['an unclosed block', '<file name="x">\nbody'],
    ['a name that is not JSON', '<file name="x\\">\nbody\n</file>\n\nhi'],
    ['text that only starts like a block', '<file name="x"> hi'],
  ])('leaves %s as text', (_name, message) => {
    expect(splitMessage(message)).toEqual({ files: [], text: message });
  });
});

describe('formatBytes', () => {
  it.each([
    [27, '27 B'],
    [2048, '2 KB'],
    [2300, '2.2 KB'],
    [1048576, '1 MB'],
    [2000000, '1.9 MB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('pathCompletions', () => {
  it.each([
    ['no', ['notes.md']],
    ['', ['big.txt', 'exact.txt', 'folder/', 'latin1.txt', 'link-to-folder/', 'notes.md', 'nul.bin']],
    ['fo', ['folder/']],
    ['folder/', ['folder/inner.txt']],
    ['.h', ['.hidden']],
    ['nothing-like-this', []],
    ['missing-folder/x', []],
  ])('completes %j to %j (hidden files only when asked, no names with controls)', (partial, found) => {
    expect(pathCompletions(partial, dir)).toEqual(found);
  });
});

describe('FileAttacher', () => {
  const estimator = lazyTokenEstimator();
  const attacher = (mode: 'real' | 'mock') =>
    new FileAttacher({ maxBytes: 2048, priceTable: builtinPriceTable(), estimator, mode, cwd: dir });

  it('counts the tokens the file adds as sent and prices them at the input rate', async () => {
    const files = attacher('real');
    const preview = await files.attachFile('notes.md', 'claude-sonnet-4-5');
    const block = '<file name="notes.md">\nhello from a file\nline two\n</file>\n\n';
    expect(preview.tokens).toBe(countTokens(block));
    // claude-sonnet-4-5 input: $3 per 1M tokens = 3,000,000 micro-USD per 1M = 3,000,000 pico-USD a token.
    expect(preview.costPicoUsd).toBe(BigInt(countTokens(block)) * 3_000_000n);
    expect(files.pending.map((f) => f.name)).toEqual(['notes.md']);
  });

  it('hands the files over once, and keeps nothing of a file it refuses', async () => {
    const files = attacher('real');
    await files.attachFile('notes.md', 'gpt-4o');
    await expect(files.attachFile('nul.bin', 'gpt-4o')).rejects.toThrow('looks binary');
    expect(files.take().map((f) => f.name)).toEqual(['notes.md']);
    expect(files.take()).toEqual([]);
  });

  it.each([
    [
      'real',
      'gpt-4o',
      /^Attached notes\.md \(27 B, ~\d+ tokens\): adds ~\$0\.0000\d+ to this turn and to every later one at gpt-4o's input price\.$/,
    ],
    ['real', 'my-own-model', /: my-own-model has no price, so what it adds is not known\.$/],
    ['mock', 'mock', /: mock mode, no cost\.$/],
    ['mock', 'claude-sonnet-4-5', /: would add ~\$\S+ to this turn and to every later one on claude-sonnet-4-5 \(simulated, not charged\)\.$/],
  ] as const)('tells what a file adds in a chat (%s, %s)', async (mode, model, line) => {
    const preview = await attacher(mode).attachFile('notes.md', model);
    expect(attachmentLine(preview, true)).toMatch(line);
  });

  it('says "to this call" outside a chat', async () => {
    const preview = await attacher('real').attachFile('notes.md', 'gpt-4o');
    expect(attachmentLine(preview, false)).toMatch(/adds ~\$\S+ to this call at gpt-4o's input price\.$/);
  });
});
