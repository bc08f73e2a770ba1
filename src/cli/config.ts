import { findSettingKey, SETTING_KEYS } from '../core/config/setting-keys';
import { configFilePath, loadSettings } from '../core/config/load';
import { type Settings, withDefaults } from '../core/config/settings';
import { UsageError } from '../core/errors';
import { resolvePaths } from '../core/paths';
import type { CommandHandler, Io } from './io';
import type { ConfigCommand } from './options';

/**
 * `chatmeter config get [key] | set <key> <value> | unset <key> | list | path`. Every write is
 * validated (exit 2 with the reason); problems in the file are reported on stderr.
 */
export const runConfig: CommandHandler<ConfigCommand> = async (command, io) => {
  switch (command.action) {
    case 'path':
      return printPaths(io);
    case 'list':
      return printList(io);
    case 'get':
      return printGet(io, command.key);
    case 'set': {
      const { setSetting } = await import('../core/config/store');
      const { validatePricing } = await import('../core/pricing/schema');
      const key = required(command.key);
      const result = await setSetting(io.env, key, required(command.value), {
        validatePricing: (pricing) => validatePricing(pricing, 'config key "pricing"'),
      });
      for (const notice of result.notices) io.stderr.write(`chatmeter: ${notice}\n`);
      io.stdout.write(`${key} = ${formatValue(result.value)}\n`);
      reportFollower(io, key, result.before, (await loadSettings(io.env)).settings);
      return 0;
    }
    case 'unset': {
      const { unsetSetting } = await import('../core/config/store');
      const key = required(command.key);
      const result = await unsetSetting(io.env, key);
      for (const notice of result.notices) io.stderr.write(`chatmeter: ${notice}\n`);
      const settings = (await loadSettings(io.env)).settings;
      const value = valueAt(settings, key);
      io.stdout.write(`${key} unset${value === null ? '' : ` (default: ${formatValue(value)})`}\n`);
      reportFollower(io, key, result.before, settings);
      return 0;
    }
    default: {
      const never: never = command.action;
      throw new UsageError(`unknown config action ${String(never)}`);
    }
  }
};

/** Settings as they are with an empty config file. */
const DEFAULTS = withDefaults({});

/**
 * An unset budget fraction follows the other one past its default (warnAt 0.95 alone raises the
 * alert level to 0.95): the key a change of each key can move.
 */
const FOLLOWS: Readonly<Record<string, string>> = {
  'budget.warnAt': 'budget.alertAt',
  'budget.alertAt': 'budget.warnAt',
};

/** After a write to `key`, says so when the unset key that follows it changed value. */
function reportFollower(io: Io, key: string, before: Settings, settings: Settings): void {
  const follower = FOLLOWS[key];
  if (follower === undefined) return;
  const after = valueAt(settings, follower);
  if (after === valueAt(before, follower)) return;
  const why =
    after === valueAt(DEFAULTS, follower) ? 'its default' : `it is not set, so it follows ${key}`;
  io.stdout.write(`${follower} is now ${formatValue(after)} (${why})\n`);
}

function required(value: string | undefined): string {
  if (value === undefined) throw new UsageError('missing argument; see `chatmeter config --help`');
  return value;
}

function printPaths(io: Io): number {
  const paths = resolvePaths(io.env);
  io.stdout.write(
    `config  ${configFilePath(io.env)}\nledger  ${paths.ledgerFile}\nconversations  ${paths.conversationsFile}\n`,
  );
  return 0;
}

function reportProblems(io: Io, problems: readonly string[]): void {
  for (const problem of problems) io.stderr.write(`chatmeter: warning: ${problem}\n`);
}

async function printGet(io: Io, key: string | undefined): Promise<number> {
  const loaded = await loadSettings(io.env);
  reportProblems(io, loaded.problems);
  if (key === undefined) {
    io.stdout.write(`${JSON.stringify(loaded.settings, null, 2)}\n`);
    return 0;
  }
  findSettingKey(key);
  const value = valueAt(loaded.settings, key);
  if (value === null) io.stderr.write(`chatmeter: ${key} is not set\n`);
  else io.stdout.write(`${formatValue(value)}\n`);
  return 0;
}

async function printList(io: Io): Promise<number> {
  const loaded = await loadSettings(io.env);
  reportProblems(io, loaded.problems);
  const leaves = SETTING_KEYS.filter((entry) => entry.kind !== 'object' || entry.key === 'pricing');
  const width = Math.max(...leaves.map((entry) => entry.key.length));
  for (const entry of leaves) {
    const explicit = valueAt(loaded.file, entry.key);
    const effective = valueAt(loaded.settings, entry.key);
    const shown =
      effective === null
        ? '-'
        : entry.key === 'pricing'
          ? JSON.stringify(effective)
          : formatValue(effective);
    const origin =
      explicit === null && effective !== null
        ? effective === valueAt(DEFAULTS, entry.key)
          ? ' (default)'
          : ` (follows ${FOLLOWS[entry.key] ?? 'another setting'})`
        : '';
    io.stdout.write(`${entry.key.padEnd(width)}  ${shown}${origin}\n`);
  }
  io.stdout.write(`\nfile  ${loaded.path}\n`);
  return 0;
}

/** The value at a dotted key of an object; null when absent. */
function valueAt(source: Settings | object, key: string): unknown {
  let current: unknown = source;
  for (const part of key.split('.')) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[part];
  }
  return current ?? null;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}
