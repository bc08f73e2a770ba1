/**
 * The zod schemas of the config file. Imported only when there is something to validate (a
 * config file exists, or `config set` writes one): see `load.ts`.
 */
import { z } from 'zod';
import { parseDecimalScaled } from '../decimal';
import { MAX_ATTACHMENT_BYTES_LIMIT } from '../files/attachment';
import { modelIdProblem } from '../model-id';
import { PROVIDER_IDS, SERVICE_TIERS } from './settings';

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

const urlSchema = z.url({
  protocol: /^https?$/,
  error: 'expected an http(s) URL such as http://127.0.0.1:8080/v1',
});

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
  defaultModel: z
    .string()
    .min(1, { error: 'expected a model id' })
    .refine((id) => modelIdProblem(id) === null, {
      error: (issue) => modelIdProblem(String(issue.input)) ?? 'expected a model id',
    })
    .optional(),
  baseUrl: z
    .strictObject({ openai: urlSchema.optional(), anthropic: urlSchema.optional() })
    .optional(),
  system: z.string({ error: 'expected text' }).optional(),
  maxTokens: z
    .number({ error: 'expected a whole number of tokens, e.g. 1024' })
    .int({ error: 'expected a whole number of tokens, e.g. 1024' })
    .positive({ error: 'expected a positive number of tokens' })
    .optional(),
  serviceTier: z
    .enum(SERVICE_TIERS, { error: 'expected "auto", "default", "flex" or "priority"' })
    .optional(),
  cache: z.enum(['5m', '1h', 'off'], { error: 'expected "5m", "1h" or "off"' }).optional(),
  timeoutSeconds: z
    .number({ error: 'expected a whole number of seconds, e.g. 120' })
    .int({ error: 'expected a whole number of seconds, e.g. 120' })
    .positive({ error: 'expected a positive number of seconds' })
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
  prices: z
    .strictObject({ autoUpdate: z.boolean({ error: 'expected true or false' }).optional() })
    .optional(),
  telemetry: z
    .strictObject({ enabled: z.boolean({ error: 'expected true or false' }).optional() })
    .optional(),
  files: z
    .strictObject({
      maxBytes: z
        .number({ error: 'expected a size in bytes, e.g. 1048576' })
        .int({ error: 'expected a whole number of bytes, e.g. 1048576' })
        .positive({ error: 'expected a positive number of bytes' })
        .max(MAX_ATTACHMENT_BYTES_LIMIT, { error: 'at most 16777216 bytes (16 MB)' })
        .optional(),
    })
    .optional(),
  conversations: z
    .strictObject({ save: z.boolean({ error: 'expected true or false' }).optional() })
    .optional(),
});

/** The config file's contents after validation (keys not set are absent). */
export type SettingsFile = z.infer<typeof settingsFileSchema>;
