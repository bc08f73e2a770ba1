import type { z } from 'zod';
import { editDistance } from '../edit-distance';
import { ConfigError, errorMessage } from '../errors';
import { budgetFileSchema, settingsFileSchema } from './schema';

/** How a setting's value is written on the command line. */
export type SettingKind = 'text' | 'number' | 'boolean' | 'object';

/** One key of `chatmeter config` (a leaf such as `budget.dailyUsd`, or a whole group). */
export interface SettingKey {
  /** Dotted key, e.g. `budget.dailyUsd`. */
  readonly key: string;
  readonly kind: SettingKind;
  /** Validates the value at this key. */
  readonly schema: z.ZodType;
  /** One line for `config list` and the README. */
  readonly description: string;
}

const file = settingsFileSchema.shape;
const budget = budgetFileSchema.shape;
const baseUrl = file.baseUrl.unwrap().shape;
const prices = file.prices.unwrap().shape;
const telemetry = file.telemetry.unwrap().shape;
const files = file.files.unwrap().shape;
const conversations = file.conversations.unwrap().shape;

/** Every key `chatmeter config` knows, in display order. */
export const SETTING_KEYS: readonly SettingKey[] = [
  {
    key: 'defaultProvider',
    kind: 'text',
    schema: file.defaultProvider,
    description: 'openai, anthropic or mock when --provider is absent',
  },
  {
    key: 'defaultModel',
    kind: 'text',
    schema: file.defaultModel,
    description: 'model id when --model is absent',
  },
  {
    key: 'baseUrl',
    kind: 'object',
    schema: file.baseUrl,
    description: 'base URLs per provider, as JSON',
  },
  {
    key: 'baseUrl.openai',
    kind: 'text',
    schema: baseUrl.openai,
    description: 'OpenAI-compatible base URL (ending in /v1)',
  },
  {
    key: 'baseUrl.anthropic',
    kind: 'text',
    schema: baseUrl.anthropic,
    description: 'Anthropic base URL (the server root)',
  },
  {
    key: 'system',
    kind: 'text',
    schema: file.system,
    description: 'system prompt when --system is absent',
  },
  {
    key: 'maxTokens',
    kind: 'number',
    schema: file.maxTokens,
    description: 'max output tokens per reply when --max-tokens is absent',
  },
  {
    key: 'serviceTier',
    kind: 'text',
    schema: file.serviceTier,
    description: 'OpenAI service tier when --service-tier is absent: auto, default, flex, priority',
  },
  {
    key: 'cache',
    kind: 'text',
    schema: file.cache,
    description: 'prompt caching when --cache is absent: 5m, 1h or off (default 5m)',
  },
  {
    key: 'timeoutSeconds',
    kind: 'number',
    schema: file.timeoutSeconds,
    description: 'seconds without a byte from the provider before a call fails, when --timeout is absent (default 120)',
  },
  {
    key: 'mockDelayMs',
    kind: 'number',
    schema: file.mockDelayMs,
    description: 'mock mode: delay between streamed pieces, ms',
  },
  {
    key: 'ledger',
    kind: 'boolean',
    schema: file.ledger,
    description: 'record calls in the usage ledger (default true)',
  },
  {
    key: 'pricing',
    kind: 'object',
    schema: file.pricing,
    description: 'extra or overriding prices, the object of a pricing file',
  },
  {
    key: 'budget',
    kind: 'object',
    schema: file.budget,
    description: 'all budget settings, as JSON',
  },
  {
    key: 'budget.sessionUsd',
    kind: 'number',
    schema: budget.sessionUsd,
    description: 'limit per chat session, USD',
  },
  {
    key: 'budget.dailyUsd',
    kind: 'number',
    schema: budget.dailyUsd,
    description: 'limit per local day (ledger), USD',
  },
  {
    key: 'budget.monthlyUsd',
    kind: 'number',
    schema: budget.monthlyUsd,
    description: 'limit per local month (ledger), USD',
  },
  {
    key: 'budget.warnAt',
    kind: 'number',
    schema: budget.warnAt,
    description: 'fraction of a limit that warns (default 0.75)',
  },
  {
    key: 'budget.alertAt',
    kind: 'number',
    schema: budget.alertAt,
    description: 'fraction of a limit that alerts (default 0.9)',
  },
  {
    key: 'budget.onExceed',
    kind: 'text',
    schema: budget.onExceed,
    description: 'warn (send with a warning) or block (refuse), default warn',
  },
  {
    key: 'prices',
    kind: 'object',
    schema: file.prices,
    description: 'price data settings, as JSON',
  },
  {
    key: 'prices.autoUpdate',
    kind: 'boolean',
    schema: prices.autoUpdate,
    description: 'refresh the price data in the background, at most once a day (default false)',
  },
  {
    key: 'telemetry',
    kind: 'object',
    schema: file.telemetry,
    description: 'OTLP usage telemetry settings, as JSON',
  },
  {
    key: 'telemetry.enabled',
    kind: 'boolean',
    schema: telemetry.enabled,
    description: 'export usage over OTLP (default false; CHATMETER_TELEMETRY overrides)',
  },
  {
    key: 'files',
    kind: 'object',
    schema: file.files,
    description: 'attached file settings, as JSON',
  },
  {
    key: 'files.maxBytes',
    kind: 'number',
    schema: files.maxBytes,
    description: 'largest file /file, -f or piped stdin may attach, bytes (default 1048576, 1 MB)',
  },
  {
    key: 'conversations',
    kind: 'object',
    schema: file.conversations,
    description: 'saved conversation settings, as JSON',
  },
  {
    key: 'conversations.save',
    kind: 'boolean',
    schema: conversations.save,
    description: 'save every conversation to resume it later (default true; --no-save for one run)',
  },
];

/** True for a key that names an API key; those come only from the environment. */
export function looksLikeApiKey(key: string): boolean {
  return /api[_-]?key/i.test(key);
}

/**
 * Looks up a key. Throws ConfigError (exit 2) for an API key or an unknown key, naming the
 * nearest known key.
 */
export function findSettingKey(key: string): SettingKey {
  if (looksLikeApiKey(key)) {
    throw new ConfigError(
      `${key}: API keys are never stored in the config; set OPENAI_API_KEY or ANTHROPIC_API_KEY in the environment.`,
    );
  }
  const found = SETTING_KEYS.find((entry) => entry.key === key);
  if (found) return found;
  const near = nearestKey(key);
  throw new ConfigError(
    `unknown setting '${key}'${near ? ` (did you mean '${near}'?)` : ''}; run \`chatmeter config list\` to see every setting.`,
  );
}

/**
 * Parses a command-line value for `entry` and validates it. Throws ConfigError (exit 2) with
 * the reason when it does not fit.
 */
export function parseSettingValue(entry: SettingKey, raw: string): unknown {
  const value = decode(entry, raw);
  const result = entry.schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
    throw new ConfigError(`${entry.key}${at}: ${issue?.message ?? 'invalid value'} (got ${raw})`);
  }
  return result.data;
}

function decode(entry: SettingKey, raw: string): unknown {
  switch (entry.kind) {
    case 'text':
      return raw;
    case 'number': {
      const trimmed = raw.trim();
      const n = trimmed === '' ? Number.NaN : Number(trimmed);
      if (!Number.isFinite(n))
        throw new ConfigError(`${entry.key}: expected a number (got ${raw})`);
      return n;
    }
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw new ConfigError(`${entry.key}: expected true or false (got ${raw})`);
    case 'object':
      try {
        return JSON.parse(raw);
      } catch (error) {
        const reason = errorMessage(error);
        throw new ConfigError(
          `${entry.key}: expected a JSON object such as '{"models":{...}}' (${reason})`,
        );
      }
    default: {
      const never: never = entry.kind;
      throw new Error(`unhandled setting kind ${String(never)}`);
    }
  }
}

function nearestKey(key: string): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(3, Math.floor(key.length / 3)) + 1;
  for (const entry of SETTING_KEYS) {
    const d = editDistance(key.toLowerCase(), entry.key.toLowerCase());
    if (d < bestDistance) {
      best = entry.key;
      bestDistance = d;
    }
  }
  return best;
}
