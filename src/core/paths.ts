import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/**
 * Creates a folder and its missing parents, one level at a time. Node's own
 * `mkdirSync(path, { recursive: true })` never returns for some paths under /proc (it retries
 * ENOENT forever), so an unusable CHATMETER_HOME would hang instead of failing.
 * @throws the error of the first level that cannot be made (ENOENT, ENOTDIR, EACCES...).
 */
export function makeFolders(path: string, mode = 0o700): void {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      mkdirSync(current, { mode });
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') break;
      const parent = dirname(current);
      if (code !== 'ENOENT' || parent === current || missing.length > 64) throw error;
      missing.push(current);
      current = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
