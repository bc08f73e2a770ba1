import { readFileSync } from 'node:fs';
import { writePrivateFile } from '../private-file';

/**
 * Where the mock's prompt cache lives between runs, so a conversation resumed by another
 * chatmeter process (`-c -p`) reads what the last one wrote, as a provider's server-side cache
 * would. It holds digests of prompt prefixes and their expiry times (epoch ms), never text.
 */
export class MockCacheFile {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  /**
   * The entries still live at `nowMs`. A missing, unreadable or malformed file reads as an
   * empty cache: it only simulates one, and a cold cache is what a provider would have then.
   */
  load(nowMs: number): Map<string, number> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.#file, 'utf8'));
    } catch {
      return new Map(); // no simulated cache yet (or a damaged one): the cache is cold
    }
    const entries = new Map<string, number>();
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return entries;
    for (const [key, expiresAtMs] of Object.entries(parsed)) {
      if (typeof expiresAtMs === 'number' && expiresAtMs > nowMs) entries.set(key, expiresAtMs);
    }
    return entries;
  }

  /**
   * Writes the entries live at `nowMs` (mode 0600, atomically: written beside, then renamed).
   * Throws the file system's error.
   */
  save(entries: ReadonlyMap<string, number>, nowMs: number): void {
    const live = Object.fromEntries([...entries].filter(([, expiresAtMs]) => expiresAtMs > nowMs));
    writePrivateFile(this.#file, JSON.stringify(live));
  }
}
