import { join } from 'node:path';
import envPaths from 'env-paths';

/** Where chatmeter keeps its settings and its usage ledger. */
export interface ChatmeterPaths {
  /** Folder of `config.json`. */
  readonly configDir: string;
  /** Folder of `usage.db`. */
  readonly dataDir: string;
  /** The usage ledger file. */
  readonly ledgerFile: string;
  /** The saved conversations (their text; the ledger holds none). */
  readonly conversationsFile: string;
  /** The mock provider's simulated prompt cache (digests of prompt prefixes, no text). */
  readonly mockCacheFile: string;
}

/**
 * Resolves the folders: `CHATMETER_HOME` holds both when set, else the platform's config and
 * data folders as `env-paths` chooses them (the same ones `conf` uses).
 */
export function resolvePaths(env: NodeJS.ProcessEnv): ChatmeterPaths {
  const home = env.CHATMETER_HOME?.trim();
  const platform = home ? null : envPaths('chatmeter', { suffix: '' });
  const configDir = platform?.config ?? home!;
  const dataDir = platform?.data ?? home!;
  return {
    configDir,
    dataDir,
    ledgerFile: join(dataDir, 'usage.db'),
    conversationsFile: join(dataDir, 'conversations.db'),
    mockCacheFile: join(dataDir, 'mock-cache.json'),
  };
}

