/**
 * The settings as the chat reads them, with their defaults. Kept apart from the zod schemas
 * (`schema.ts`) so a start-up without a config file never loads zod (about 20 ms).
 */
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../files/attachment';
import type { SettingsFile } from './schema';

/** The providers a default can name (DESIGN §2). */
export const PROVIDER_IDS = ['openai', 'anthropic', 'mock'] as const;

/** OpenAI processing tiers a request may ask for (`--service-tier`, config `serviceTier`). */
export const SERVICE_TIERS = ['auto', 'default', 'flex', 'priority'] as const;
/** One requestable service tier. */
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/** Budget settings with defaults applied. Amounts are USD numbers as written in the file. */
export interface BudgetSettings {
  readonly sessionUsd: number | null;
  readonly dailyUsd: number | null;
  readonly monthlyUsd: number | null;
  /** Fraction of a limit where the level becomes `warn` (default 0.75). */
  readonly warnAt: number;
  /** Fraction of a limit where the level becomes `alert` (default 0.9). */
  readonly alertAt: number;
  /** What a call that would go over a limit does: sent with a warning, or refused. */
  readonly onExceed: 'warn' | 'block';
}

/** Every setting with defaults applied: what the chat and the budget read. */
export interface Settings {
  readonly defaultProvider: (typeof PROVIDER_IDS)[number] | null;
  readonly defaultModel: string | null;
  readonly baseUrl: { readonly openai: string | null; readonly anthropic: string | null };
  readonly system: string | null;
  readonly maxTokens: number | null;
  /** The OpenAI service tier to ask for when `--service-tier` is absent, or null. */
  readonly serviceTier: ServiceTier | null;
  /** Prompt caching when `--cache` is absent: a TTL or off (default 5m). */
  readonly cache: '5m' | '1h' | 'off';
  /** Seconds without a byte before a call fails with kind `timeout`; null: the default. */
  readonly timeoutSeconds: number | null;
  readonly mockDelayMs: number | null;
  /** Whether calls are recorded in the usage ledger (default true). */
  readonly ledger: boolean;
  /** The pricing object merged over the built-in table, or null. */
  readonly pricing: Readonly<Record<string, unknown>> | null;
  readonly budget: BudgetSettings;
  /** Price data: `autoUpdate` refreshes it in the background at most once a day (default false). */
  readonly prices: { readonly autoUpdate: boolean };
  /** OTLP usage telemetry; `CHATMETER_TELEMETRY` overrides `enabled`. */
  readonly telemetry: { readonly enabled: boolean };
  /** Attached files (`/file`, `-f`, piped stdin with `-p`): the largest accepted, bytes. */
  readonly files: { readonly maxBytes: number };
  /** Saved conversations: `save` false writes none (default true). */
  readonly conversations: { readonly save: boolean };
}

/** Default warn fraction of a budget. */
export const DEFAULT_WARN_AT = 0.75;
/** Default alert fraction of a budget. */
export const DEFAULT_ALERT_AT = 0.9;

/** Applies the defaults to a validated config file (`{}` when there is none). */
export function withDefaults(file: SettingsFile): Settings {
  const budget = file.budget ?? {};
  return {
    defaultProvider: file.defaultProvider ?? null,
    defaultModel: file.defaultModel ?? null,
    baseUrl: { openai: file.baseUrl?.openai ?? null, anthropic: file.baseUrl?.anthropic ?? null },
    system: file.system ?? null,
    maxTokens: file.maxTokens ?? null,
    serviceTier: file.serviceTier ?? null,
    cache: file.cache ?? '5m',
    timeoutSeconds: file.timeoutSeconds ?? null,
    mockDelayMs: file.mockDelayMs ?? null,
    ledger: file.ledger ?? true,
    pricing: file.pricing ?? null,
    prices: { autoUpdate: file.prices?.autoUpdate ?? false },
    budget: {
      sessionUsd: budget.sessionUsd ?? null,
      dailyUsd: budget.dailyUsd ?? null,
      monthlyUsd: budget.monthlyUsd ?? null,
      // A single fraction set past the other's default moves that default along with it.
      warnAt: budget.warnAt ?? Math.min(DEFAULT_WARN_AT, budget.alertAt ?? DEFAULT_ALERT_AT),
      alertAt: budget.alertAt ?? Math.max(DEFAULT_ALERT_AT, budget.warnAt ?? DEFAULT_WARN_AT),
      onExceed: budget.onExceed ?? 'warn',
    },
    telemetry: { enabled: file.telemetry?.enabled ?? false },
    files: { maxBytes: file.files?.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES },
    conversations: { save: file.conversations?.save ?? true },
  };
}
