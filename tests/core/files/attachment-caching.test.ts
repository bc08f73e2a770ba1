import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, describe, expect, it } from 'vitest';
import { attachmentCaching, FileAttacher } from '../../../src/core/files/attacher';
import { builtinPriceTable } from '../../../src/core/pricing/table';
import { lazyTokenEstimator } from '../../../src/core/tokens/estimate';
import { attachmentLine } from '../../../src/reports/session/attachment-line';

const dir = mkdtempSync(join(tmpdir(), 'chatmeter-files-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'notes.md'), 'hello from a file\nline two\n');
const TOKENS = BigInt(countTokens('<file name="notes.md">\nhello from a file\nline two\n</file>\n\n'));

function attacher(mode: 'real' | 'mock') {
  return new FileAttacher({
    maxBytes: 1_000_000,
    priceTable: builtinPriceTable(),
    estimator: lazyTokenEstimator(),
    mode,
    cwd: dir,
  });
}

/** A session on `model` through `providerId` with `promptTokens` of conversation so far. */
const session = (providerId: string, model: string, cache: '5m' | '1h' | 'off', promptTokens: number) => ({
  providerId,
  model,
  cache,
  nextTurn: () => ({ promptTokens }),
});

describe('what a file adds when the prompt carrying it is cached', () => {
  it('prices it at the cache-write rate now and the cache-read rate later', async () => {
    const caching = attachmentCaching(session('anthropic', 'claude-sonnet-4-5', '5m', 2_000));
    const preview = await attacher('real').attachFile('notes.md', 'claude-sonnet-4-5', caching);
    // claude-sonnet-4-5: 5-minute write $3.75, read $0.30 per 1M tokens (pico-USD a token: x 1e6).
    expect(preview.cached).toEqual({
      ttl: '5m',
      writePicoUsd: TOKENS * 3_750_000n,
      readPicoUsd: TOKENS * 300_000n,
    });
    expect(attachmentLine(preview, true)).toMatch(
      /: adds ~\$\S+ to this turn \(written to the 5-minute cache\) and ~\$\S+ to every later one \(read from it while warm\) at claude-sonnet-4-5's cache prices\.$/,
    );
    expect(attachmentLine(preview, false)).toMatch(
      /: adds ~\$\S+ to this call \(written to the 5-minute cache\) at claude-sonnet-4-5's cache prices\.$/,
    );
  });

  it('uses the 1-hour write rate with --cache 1h, and says simulated in mock mode', async () => {
    const caching = attachmentCaching(session('mock', 'claude-sonnet-4-5', '1h', 5_000));
    const preview = await attacher('mock').attachFile('notes.md', 'claude-sonnet-4-5', caching);
    expect(preview.cached).toEqual({
      ttl: '1h',
      writePicoUsd: TOKENS * 6_000_000n,
      readPicoUsd: TOKENS * 300_000n,
    });
    expect(attachmentLine(preview, true)).toMatch(
      /would add ~\$\S+ to this turn \(written to the 1-hour cache\) .* on claude-sonnet-4-5 \(simulated, not charged\)\.$/,
    );
  });

  it.each([
    ['caching is off', session('anthropic', 'claude-sonnet-4-5', 'off', 5_000)],
    ['the prompt stays below the minimum', session('anthropic', 'claude-sonnet-4-5', '5m', 100)],
    ['the provider caches by itself, for free', session('openai', 'gpt-4o', '5m', 5_000)],
  ])('keeps the input-price wording when %s', async (_, s) => {
    const preview = await attacher('real').attachFile('notes.md', s.model, attachmentCaching(s));
    expect(preview.cached).toBeUndefined();
    expect(attachmentLine(preview, true)).toMatch(/to this turn and to every later one at \S+'s input price\.$/);
  });
});
