import { configPricingOptions } from './price-table';
import { loadSettings } from './load';
import type { ServiceTier, Settings } from './settings';

/** The chat flags that settings give defaults for (a subset of the CLI's chat options). */
export interface ChatFlags {
  readonly model?: string;
  readonly provider?: 'openai' | 'anthropic' | 'mock';
  readonly system?: string;
  readonly maxTokens?: number;
  /** `--service-tier`: the OpenAI processing tier to ask for. */
  readonly serviceTier?: ServiceTier;
  /** `--timeout`, seconds without a byte before a call fails. */
  readonly timeout?: number;
  /** `--cache`: prompt caching TTL, or off. */
  readonly cache?: '5m' | '1h' | 'off';
  /** False with `--no-ledger`. */
  readonly ledger: boolean;
}

/**
 * Fills the flags the user did not give from the settings. A flag always wins. `defaultModel`
 * and `defaultProvider` apply together only when neither `--model` nor `--provider` is given
 * (so `--provider anthropic` never inherits an OpenAI default model, and `--model claude-...`
 * never inherits `defaultProvider: openai`). The ledger is on only when neither `--no-ledger`
 * nor `ledger: false` turns it off.
 */
export function withConfigDefaults<T extends ChatFlags>(flags: T, settings: Settings): T {
  const chosen = Boolean(flags.model?.trim()) || flags.provider !== undefined;
  return {
    ...flags,
    model: chosen ? flags.model : (settings.defaultModel ?? undefined),
    provider: chosen ? flags.provider : (settings.defaultProvider ?? undefined),
    system: flags.system ?? settings.system ?? undefined,
    maxTokens: flags.maxTokens ?? settings.maxTokens ?? undefined,
    serviceTier: flags.serviceTier ?? settings.serviceTier ?? undefined,
    timeout: flags.timeout ?? settings.timeoutSeconds ?? undefined,
    cache: flags.cache ?? settings.cache,
    ledger: flags.ledger && settings.ledger,
  };
}

function fallback(env: NodeJS.ProcessEnv, name: string, value: string | number | null) {
  if (env[name]?.trim() || value === null) return {};
  return { [name]: String(value) };
}

/**
 * The environment with the settings' base URLs and mock delay filled in where the environment
 * has none (`OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`, `CHATMETER_MOCK_DELAY_MS`): flags win over
 * the environment, and the environment over the config file.
 */
export function envWithConfigDefaults(
  env: NodeJS.ProcessEnv,
  settings: Settings,
): NodeJS.ProcessEnv {
  return {
    ...env,
    ...fallback(env, 'OPENAI_BASE_URL', settings.baseUrl.openai),
    ...fallback(env, 'ANTHROPIC_BASE_URL', settings.baseUrl.anthropic),
    ...fallback(env, 'CHATMETER_MOCK_DELAY_MS', settings.mockDelayMs),
  };
}

/** The settings as a chat applies them. */
export interface ChatConfig<T extends ChatFlags> {
  /** The flags with the settings' defaults filled in. */
  readonly flags: T;
  /** The environment with the settings' base URLs and mock delay filled in. */
  readonly env: NodeJS.ProcessEnv;
  readonly settings: Settings;
  /** Problems in the config file, one line each, to show before the first prompt. */
  readonly problems: readonly string[];
  /** The `pricing` setting for `loadPriceTable` (`overrides` undefined when not set). */
  readonly pricing: { readonly overrides?: unknown; readonly overridesSource: string };
}

/** Reads the config file (never writing it) and applies it under the chat's flags. */
export async function loadChatConfig<T extends ChatFlags>(
  flags: T,
  env: NodeJS.ProcessEnv,
): Promise<ChatConfig<T>> {
  const loaded = await loadSettings(env);
  return {
    flags: withConfigDefaults(flags, loaded.settings),
    env: envWithConfigDefaults(env, loaded.settings),
    settings: loaded.settings,
    problems: loaded.problems,
    pricing: configPricingOptions(loaded),
  };
}
