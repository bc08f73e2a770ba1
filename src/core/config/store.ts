import { renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { ConfigError, errorMessage } from '../errors';
import { makeDirectory } from '../make-dir';
import { findSettingKey, parseSettingValue } from './setting-keys';
import { type LoadedSettings, loadSettings } from './load';
import type { Settings } from './settings';
import { budgetFileSchema } from './schema';

/** Checks a `pricing` object before it is stored (the pricing loader); throws to refuse it. */
export type PricingValidator = (pricing: Readonly<Record<string, unknown>>) => void;

/** What a write did, for the user. */
export interface WriteResult {
  /** The value stored (after parsing), or undefined for `unset`. */
  readonly value: unknown;
  /** Lines to show: a backup made of a broken file, problems left in the file. */
  readonly notices: readonly string[];
  /** The settings in effect before the write (defaults applied). */
  readonly before: Settings;
}

/**
 * Validates and stores one setting through `conf` (imported only here, lazily). A file that is
 * not valid JSON is moved aside to a timestamped backup first, and the notice says where.
 * Throws ConfigError (exit 2) for an unknown key, an API key, or a value that does not fit.
 */
export async function setSetting(
  env: NodeJS.ProcessEnv,
  key: string,
  raw: string,
  options: { validatePricing?: PricingValidator; nowMs?: number } = {},
): Promise<WriteResult> {
  const entry = findSettingKey(key);
  const value = parseSettingValue(entry, raw);
  const loaded = await loadSettings(env);
  refuseUnreadable(loaded);
  if (key.startsWith('budget.')) checkBudgetTogether(loaded, key.slice('budget.'.length), value);
  if (key === 'pricing' && options.validatePricing) {
    options.validatePricing(value as Record<string, unknown>);
  }
  const notices = backUpIfBroken(loaded, options.nowMs ?? Date.now());
  // An empty file holds nothing to keep, and conf refuses to read it: start a new one.
  if (loaded.state === 'empty') rmSync(loaded.path, { force: true });
  const store = await openStore(loaded.path);
  store.set(key, value);
  return { value, notices, before: loaded.settings };
}

/** Removes one setting (its default applies again). Throws ConfigError for an unknown key. */
export async function unsetSetting(
  env: NodeJS.ProcessEnv,
  key: string,
  options: { nowMs?: number } = {},
): Promise<WriteResult> {
  findSettingKey(key);
  const loaded = await loadSettings(env);
  refuseUnreadable(loaded);
  const notices = backUpIfBroken(loaded, options.nowMs ?? Date.now());
  if (loaded.state === 'missing' || loaded.state === 'empty' || notices.length > 0) {
    return { value: undefined, notices, before: loaded.settings };
  }
  const store = await openStore(loaded.path);
  store.delete(key);
  return { value: undefined, notices, before: loaded.settings };
}

/** A file that exists but cannot be read is never replaced: the user must look at it first. */
function refuseUnreadable(loaded: LoadedSettings): void {
  if (loaded.state === 'unreadable') throw new ConfigError(loaded.problems[0] ?? loaded.path);
}

function checkBudgetTogether(loaded: LoadedSettings, leaf: string, value: unknown): void {
  const merged = { ...(loaded.file.budget ?? {}), [leaf]: value };
  const result = budgetFileSchema.safeParse(merged);
  if (result.success) return;
  const issue = result.error.issues[0];
  if (issue?.code === 'custom') {
    throw new ConfigError(
      `budget.${leaf}: budget.warnAt (${merged.warnAt}) must not be above budget.alertAt (${merged.alertAt}); change the other one first.`,
    );
  }
  const at = issue?.path.length ? `budget.${issue.path.join('.')}` : 'budget';
  throw new ConfigError(`${at}: ${issue?.message ?? 'invalid value'}`);
}

/** Moves a file that is not valid JSON aside, so a write never destroys what the user wrote. */
function backUpIfBroken(loaded: LoadedSettings, nowMs: number): string[] {
  if (loaded.state !== 'invalid-json') return [];
  const stamp = new Date(nowMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const backup = `${loaded.path}.broken-${stamp}`;
  try {
    renameSync(loaded.path, backup);
  } catch (error) {
    throw new ConfigError(
      `${loaded.path} is not valid JSON and could not be moved aside (${errorMessage(error)}); fix or remove it first.`,
      { cause: error },
    );
  }
  return [
    `${loaded.path} was not valid JSON: kept it as ${basename(backup)} and started a new file.`,
  ];
}

interface SettingsStore {
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

async function openStore(path: string): Promise<SettingsStore> {
  const { default: Conf } = await import('conf');
  // conf's own recursive mkdir spins forever under /proc: the folder is made (or refused) first.
  try {
    makeDirectory(dirname(path));
  } catch (error) {
    throw new ConfigError(
      `Cannot create the settings folder ${dirname(path)} (${errorMessage(error)}). Check its permissions or set CHATMETER_HOME.`,
    );
  }
  return new Conf<Record<string, unknown>>({
    projectName: 'chatmeter',
    projectSuffix: '',
    cwd: dirname(path),
    configName: basename(path, '.json'),
  });
}
