import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refreshPricesInBackground } from '../../src/cli/price-refresh';
import { tempDir } from './cost-io';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('prices.autoUpdate: the background refresh', () => {
  it('starts at most once a day, counting failed attempts too', () => {
    const home = tempDir();
    let started = 0;
    const start = () => {
      started += 1;
    };
    const now = Date.parse('2026-12-05T12:00:00Z');
    expect(refreshPricesInBackground(home, {}, now, start)).toBe(true);
    expect(existsSync(join(home, 'prices', 'last-update-attempt'))).toBe(true);
    expect(refreshPricesInBackground(home, {}, now + DAY_MS / 2, start)).toBe(false);
    const marker = join(home, 'prices', 'last-update-attempt');
    utimesSync(marker, new Date(now - DAY_MS - 1000), new Date(now - DAY_MS - 1000));
    expect(refreshPricesInBackground(home, {}, now, start)).toBe(true);
    expect(started).toBe(2);
  });

  it('does nothing when this process is not the built CLI (tests, a library use)', () => {
    expect(refreshPricesInBackground(tempDir(), {}, Date.now(), null)).toBe(false);
  });

  it('gives up quietly when the data folder cannot be written', () => {
    let started = 0;
    expect(refreshPricesInBackground('/proc/chatmeter-nowhere', {}, Date.now(), () => (started += 1))).toBe(false);
    expect(started).toBe(0);
  });
});
