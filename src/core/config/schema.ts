import { z } from 'zod';
import { parseDecimalScaled } from '../pricing/money';

/** The providers a default can name (DESIGN §2). */
export const PROVIDER_IDS = ['openai', 'anthropic', 'mock'] as const;

/** A USD amount: a finite number >= 0 (budgets). */
const usdSchema = z
  .number({ error: 'expected an amount in USD, e.g. 5 or 0.25' })
  .finite()
  .nonnegative({ error: 'a budget cannot be negative' })
  .refine((usd) => parseDecimalScaled(String(usd), 12) !== null, {
    error: 'expected at most 12 decimals (1 pico-USD)',
  });

/** A fraction of a budget: 0 < x <= 1. */
const fractionSchema = z
  .number({ error: 'expected a fraction between 0 and 1, e.g. 0.75' })
  .gt(0, { error: 'expected a fraction above 0 and at most 1, e.g. 0.75' })
  .lte(1, { error: 'expected a fraction above 0 and at most 1, e.g. 0.75' });

const urlSchema = z.url({ error: 'expected a URL such as http://127.0.0.1:8080/v1' });

/** `budget.*` as stored in the config file. Every key is optional. */
export const budgetFileSchema = z
  .strictObject({
    sessionUsd: usdSchema.optional(),
    dailyUsd: usdSchema.optional(),
    monthlyUsd: usdSchema.optional(),
    warnAt: fractionSchema.optional(),
    alertAt: fractionSchema.optional(),
    onExceed: z.enum(['warn', 'block'], { error: 'expected "warn" or "block"' }).optional(),
  })
  .refine(
    (budget) =>
      budget.warnAt === undefined ||
      budget.alertAt === undefined ||
      budget.warnAt <= budget.alertAt,
    { error: 'must not be above budget.alertAt', path: ['warnAt'] },
  );

/**
 * The config file (`config.json`) as stored: every key optional, no unknown keys. `pricing` is
 * the pricing-file object of DESIGN §4; its contents are validated by the pricing loader.
 */
export const settingsFileSchema = z.strictObject({
  defaultProvider: z
    .enum(PROVIDER_IDS, { error: 'expected "openai", "anthropic" or "mock"' })
    .optional(),
  defaultModel: z.string().min(1, { error: 'expected a model id' }).optional(),
  baseUrl: z
    .strictObject({ openai: urlSchema.optional(), anthropic: urlSchema.optional() })
    .optional(),
  system: z.string({ error: 'expected text' }).optional(),
  maxTokens: z
    .number({ error: 'expected a whole number of tokens, e.g. 1024' })
    .int({ error: 'expected a whole number of tokens, e.g. 1024' })
    .positive({ error: 'expected a positive number of tokens' })
    .optional(),
  mockDelayMs: z
    .number({ error: 'expected a whole number of milliseconds, e.g. 20' })
    .int({ error: 'expected a whole number of milliseconds' })
    .nonnegative({ error: 'expected 0 or more milliseconds' })
    .optional(),
  ledger: z.boolean({ error: 'expected true or false' }).optional(),
  pricing: z
    .record(z.string(), z.unknown(), {
      error: 'expected a pricing object such as {"models":{...}}',
    })
    .optional(),
  budget: budgetFileSchema.optional(),
});

/** The config file's contents after validation (keys not set are absent). */
export type SettingsFile = z.infer<typeof settingsFileSchema>;

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
  readonly mockDelayMs: number | null;
  /** Whether calls are recorded in the usage ledger (default true). */
  readonly ledger: boolean;
  /** The pricing object merged over the built-in table, or null. */
  readonly pricing: Readonly<Record<string, unknown>> | null;
  readonly budget: BudgetSettings;
}

/** Default warn fraction of a budget. */
export const DEFAULT_WARN_AT = 0.75;
/** Default alert fraction of a budget. */
export const DEFAULT_ALERT_AT = 0.9;

/** Applies the defaults to a validated config file. */
export function withDefaults(file: SettingsFile): Settings {
  const budget = file.budget ?? {};
  return {
    defaultProvider: file.defaultProvider ?? null,
    defaultModel: file.defaultModel ?? null,
    baseUrl: { openai: file.baseUrl?.openai ?? null, anthropic: file.baseUrl?.anthropic ?? null },
    system: file.system ?? null,
    maxTokens: file.maxTokens ?? null,
    mockDelayMs: file.mockDelayMs ?? null,
    ledger: file.ledger ?? true,
    pricing: file.pricing ?? null,
    budget: {
      sessionUsd: budget.sessionUsd ?? null,
      dailyUsd: budget.dailyUsd ?? null,
      monthlyUsd: budget.monthlyUsd ?? null,
      // A single fraction set past the other's default moves that default along with it.
      warnAt: budget.warnAt ?? Math.min(DEFAULT_WARN_AT, budget.alertAt ?? DEFAULT_ALERT_AT),
      alertAt: budget.alertAt ?? Math.max(DEFAULT_ALERT_AT, budget.warnAt ?? DEFAULT_WARN_AT),
      onExceed: budget.onExceed ?? 'warn',
    },
  };
}
