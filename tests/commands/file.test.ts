import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeSlash } from '../../src/commands/complete';
import { COMMANDS, runSlashCommand } from '../../src/commands/registry';
import { lazyTokenEstimator } from '../../src/core/tokens/estimate';
import { FileAttacher } from '../../src/core/files/attacher';
import { builtinPriceTable } from '../../src/core/pricing/table';
import { commandContext } from './context';

const dir = mkdtempSync(join(tmpdir(), 'chatmeter-file-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'notes.md'), 'hello\n');
writeFileSync(join(dir, 'notebook.txt'), 'world\n');
writeFileSync(join(dir, "a b (1) it's.txt"), 'dropped\n');
writeFileSync(join(dir, 'image.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]));

function withFiles() {
  const files = new FileAttacher({
    maxBytes: 1024,
    priceTable: builtinPriceTable(),
    estimator: lazyTokenEstimator(),
    mode: 'mock',
  });
  return { ...commandContext(), files };
}

describe('/file', () => {
  it('attaches a file for the next message and says what it adds first', async () => {
    const context = withFiles();
    const result = await runSlashCommand(`/file ${dir}/notes.md`, context);
    expect(result).toMatchObject({ kind: 'notice', level: 'info' });
    expect(result && 'text' in result ? result.text : '').toMatch(
      /^Attached .*notes\.md \(6 B, ~\d+ tokens\): mock mode, no cost\. It goes with your next message\.$/,
    );
    expect(context.files.pending.map((f) => f.text)).toEqual(['hello\n']);
  });

  it('/clear drops the files waiting for the next message, and says so', async () => {
    const context = withFiles();
    await runSlashCommand(`/file ${dir}/notes.md`, context);
    const result = await runSlashCommand('/clear', context);
    expect(result).toEqual({
      kind: 'cleared',
      text: `New conversation. Usage so far is kept. Detached ${dir}/notes.md; /file attaches again.`,
    });
    expect(context.files.pending).toEqual([]);
    expect(await runSlashCommand('/clear', context)).toEqual({
      kind: 'cleared',
      text: 'New conversation. Usage so far is kept.',
    });
  });

  it('takes a quoted path', async () => {
    const context = withFiles();
    await runSlashCommand(`/attach "${dir}/notes.md"`, context);
    expect(context.files.pending).toHaveLength(1);
  });

  it('takes a path dragged into the terminal, its spaces and brackets backslash-escaped', async () => {
    const context = withFiles();
    const result = await runSlashCommand(`/file ${dir}/a\\ b\\ \\(1\\)\\ it\\'s.txt`, context);
    expect(result).toMatchObject({ kind: 'notice', level: 'info' });
    expect(context.files.pending.map((f) => f.text)).toEqual(['dropped\n']);
  });

  it('takes a quoted path with spaces as it is', async () => {
    const context = withFiles();
    await runSlashCommand(`/file "${dir}/a b (1) it's.txt"`, context);
    expect(context.files.pending.map((f) => f.text)).toEqual(['dropped\n']);
  });

  it('attaches the same file once, however its path is written, and says so', async () => {
    const context = withFiles();
    await runSlashCommand(`/file ${dir}/notes.md`, context);
    const again = await runSlashCommand(`/file ${dir}/../${dir.split('/').at(-1)}/notes.md`, context);
    expect(again).toMatchObject({
      kind: 'notice',
      level: 'info',
      text: expect.stringMatching(
        /notes\.md is already attached to your next message: it is sent once, nothing is added\.$/,
      ),
    });
    expect(context.files.take().map((f) => f.text)).toEqual(['hello\n']);
  });

  it('refuses a binary file with one error line and attaches nothing', async () => {
    const context = withFiles();
    const result = await runSlashCommand(`/file ${dir}/image.png`, context);
    expect(result).toEqual({
      kind: 'notice',
      level: 'error',
      text: `${dir}/image.png looks binary (not UTF-8 text): only text files can be attached.`,
    });
    expect(context.files.pending).toEqual([]);
  });

  it('lists what is attached, or says how to attach', async () => {
    const context = withFiles();
    expect(await runSlashCommand('/file', context)).toMatchObject({
      text: 'No file attached. /file PATH attaches one to your next message.',
    });
    await runSlashCommand(`/file ${dir}/notes.md`, context);
    expect(await runSlashCommand('/file', context)).toMatchObject({
      text: `Attached to your next message: ${dir}/notes.md (6 B).`,
    });
  });

  it('completes paths on Tab: a unique one whole, several to their common part', () => {
    const context = withFiles();
    expect(completeSlash(`/file ${dir}/notes`, COMMANDS, context)).toEqual({
      input: `/file ${dir}/notes.md`,
      candidates: [],
    });
    expect(completeSlash(`/file ${dir}/no`, COMMANDS, context)).toEqual({
      input: `/file ${dir}/note`,
      candidates: [`${dir}/notebook.txt`, `${dir}/notes.md`],
    });
    expect(completeSlash('/fi', COMMANDS, context).input).toBe('/file ');
  });
});
