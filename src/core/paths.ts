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
}

/**
 * Resolves the folders: `CHATMETER_HOME` holds both when set, else the platform's config and
 * data folders as `env-paths` chooses them (the same ones `conf` uses).
 */
export function resolvePaths(env: NodeJS.ProcessEnv): ChatmeterPaths {
  const home = env.CHATMETER_HOME?.trim();
  if (home) return { configDir: home, dataDir: home, ledgerFile: join(home, 'usage.db') };
  const paths = envPaths('chatmeter', { suffix: '' });
  return { configDir: paths.config, dataDir: paths.data, ledgerFile: join(paths.data, 'usage.db') };
}

