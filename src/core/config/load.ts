import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../errors';
import { resolvePaths } from '../paths';
import { plainSettingsFile } from './plain-settings';
import type { SettingsFile, settingsFileSchema } from './schema';
import { type Settings, withDefaults } from './settings';

/** conf keeps its own bookkeeping under this key; it is not a setting. */
const CONF_INTERNAL_KEY = '__internal__';

/**
 * What reading the config file found; `empty` is a file with nothing in it (or only blanks),
 * which means no settings, like `missing`.
 */
export type ConfigFileState =
  | 'missing'
  | 'empty'
  | 'unreadable'
  | 'ok'
  | 'invalid-json'
  | 'invalid-values';

/** The settings in effect and what was wrong with the file, if anything. */
export interface LoadedSettings {
  /** Every setting, defaults applied; invalid entries replaced by their defaults. */
  readonly settings: Settings;
  /** The valid part of the file (what `config get` shows as set). */
  readonly file: SettingsFile;
  /** Absolute path of `config.json`. */
  readonly path: string;
  readonly state: ConfigFileState;
  /** One line per problem, naming the file and the key; empty when the file is fine. */
  readonly problems: readonly string[];
}

/** The config file's path: `config.json` in the config folder (CHATMETER_HOME when set). */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  return join(resolvePaths(env).configDir, 'config.json');
}

/**
 * Reads and validates the config file without `conf` (which costs ~110 ms to import) and never
 * writes it. A file that is not JSON gives the defaults and one problem; entries that fail the
 * schema are ignored one by one (their defaults apply) with one problem each. The schema (and
 * zod, about 20 ms) is loaded only when there is a file that the quick check of
 * `plain-settings.ts` cannot accept alone.
 * Never rejects: a file that cannot be read (permissions) also gives the defaults and one problem.
 */
export async function loadSettings(env: NodeJS.ProcessEnv): Promise<LoadedSettings> {
  const path = configFilePath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { settings: withDefaults({}), file: {}, path, state: 'missing', problems: [] };
    }
    const reason = errorMessage(error);
    return invalid(path, 'unreadable', [
      `${path} cannot be read (${oneLine(reason)}); using the defaults. Check the file and its permissions.`,
    ]);
  }
  const json = text.replace(/^\uFEFF/, '');
  if (json.trim() === '') {
    return { settings: withDefaults({}), file: {}, path, state: 'empty', problems: [] };
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const reason = errorMessage(error);
    return invalid(path, 'invalid-json', [
      `${path} is not valid JSON (${oneLine(reason)}); using the defaults. Fix the file or remove it.`,
    ]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return invalid(path, 'invalid-json', [
      `${path} must hold a JSON object; using the defaults. Fix the file or remove it.`,
    ]);
  }
  const plain = plainSettingsFile(data as Record<string, unknown>);
  if (plain) return { settings: withDefaults(plain), file: plain, path, state: 'ok', problems: [] };
  const { settingsFileSchema: schema } = await import('./schema');
  const { file, problems } = validateLeniently(data as Record<string, unknown>, path, schema);
  return {
    settings: withDefaults(file),
    file,
    path,
    state: problems.length === 0 ? 'ok' : 'invalid-values',
    problems,
  };
}

function invalid(path: string, state: ConfigFileState, problems: string[]): LoadedSettings {
  return { settings: withDefaults({}), file: {}, path, state, problems };
}

/** Validates, dropping each offending entry (and reporting it) until the rest is valid. */
function validateLeniently(
  data: Record<string, unknown>,
  path: string,
  schema: typeof settingsFileSchema,
): { file: SettingsFile; problems: string[] } {
  const working = structuredClone(data);
  delete working[CONF_INTERNAL_KEY];
  const problems: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = schema.safeParse(working);
    if (result.success) return { file: result.data, problems };
    for (const issue of result.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
      for (const extra of keys) {
        const at = extra === null ? issue.path.map(String) : [...issue.path.map(String), extra];
        const name = at.length > 0 ? at.join('.') : '(file)';
        const message =
          issue.code === 'unrecognized_keys'
            ? 'unknown setting, ignored'
            : `${issue.message}; using the default`;
        problems.push(`${path}: ${name}: ${message}.`);
        removePath(working, at.length > 0 ? at : []);
      }
    }
  }
  return { file: {}, problems: [...problems, `${path}: too many problems; using the defaults.`] };
}

/**
 * Removes the entry at `at` (a refine on a group has the group's path; a bucket such as a
 * pricing entry is dropped at the top-level key so the rest of the file still applies).
 */
function removePath(target: Record<string, unknown>, at: readonly string[]): void {
  const [head, ...rest] = at;
  if (head === undefined) {
    for (const key of Object.keys(target)) delete target[key];
    return;
  }
  const child = target[head];
  if (rest.length === 0 || child === null || typeof child !== 'object' || head === 'pricing') {
    delete target[head];
    return;
  }
  removePath(child as Record<string, unknown>, rest);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
