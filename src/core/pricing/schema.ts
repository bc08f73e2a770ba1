import { z } from 'zod';
import { PricingError } from '../errors';
import { parseUsdPerMTok } from './money';
import { modelIdProblem } from '../model-id';
import { sanitizeTerminalLine } from '../terminal-text';

const PRICE_HINT = 'must be a price in USD per 1M tokens: a number >= 0 with at most 6 decimals';

/** A price in USD per 1M tokens, turned into integer micro-USD per 1M tokens. */
const price = z.unknown().transform((value, ctx): bigint => {
  if (value === undefined) {
    ctx.addIssue({ code: 'custom', message: 'is required' });
    return z.NEVER;
  }
  const micro = parseUsdPerMTok(value);
  if (micro === null) {
    ctx.addIssue({ code: 'custom', message: PRICE_HINT });
    return z.NEVER;
  }
  return micro;
});

const positiveInt = z
  .number({ error: 'must be a positive integer' })
  .int({ error: 'must be a positive integer' })
  .positive({ error: 'must be a positive integer' });

const rateShape = {
  input: price,
  output: price,
  cacheRead: price.optional(),
  cacheWrite5m: price.optional(),
  cacheWrite1h: price.optional(),
  inputAudio: price.optional(),
  outputAudio: price.optional(),
};

const tierSchema = z.strictObject({
  above: positiveInt,
  input: price.optional(),
  output: price.optional(),
  cacheRead: price.optional(),
  cacheWrite5m: price.optional(),
  cacheWrite1h: price.optional(),
  inputAudio: price.optional(),
  outputAudio: price.optional(),
});

const modelSchema = z.strictObject({
  ...rateShape,
  provider: z.string({ error: 'must be a provider name such as "openai"' }).min(1, {
    error: 'must be a provider name such as "openai"',
  }),
  contextWindow: positiveInt.optional(),
  tiers: z.array(tierSchema, { error: 'must be a list of tiers' }).optional(),
  aliases: z
    .array(z.string().min(1, { error: 'must be a model id' }), {
      error: 'must be a list of model ids',
    })
    .optional(),
  priceDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
    .optional(),
});

const pricingSchema = z.strictObject({
  $schema: z.string().optional(),
  models: z.record(z.string().min(1, { error: 'a model id must not be empty' }), modelSchema, {
    error: 'must be an object of model id -> price',
  }),
});

/** A pricing object after validation: prices in integer micro-USD per 1M tokens. */
export type ValidatedPricing = z.output<typeof pricingSchema>;
/** One validated model entry. */
export type ValidatedModel = ValidatedPricing['models'][string];

function keyPathOf(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeIssue(
  issue: z.core.$ZodIssue,
  root: unknown,
): { keyPath: string; problem: string } {
  const keyPath = keyPathOf(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return {
      keyPath: keyPath ? `${keyPath}.${key}` : key,
      problem:
        'is not a known key (a model takes provider, input, output, cacheRead, cacheWrite5m, cacheWrite1h, inputAudio, outputAudio, contextWindow, tiers, aliases, priceDate)',
    };
  }
  if (issue.code === 'invalid_type' && valueAt(root, issue.path) === undefined) {
    return { keyPath, problem: 'is required' };
  }
  return { keyPath, problem: issue.message };
}

/**
 * Validates a pricing object (a parsed pricing file, or the config key `pricing`).
 * @param source what to name in the error: the file path, or e.g. `config key pricing`.
 * @param file the file the object was read from, if any (kept on the error).
 * @throws PricingError with one line naming the source and the key path at fault.
 */
export function validatePricing(
  value: unknown,
  source: string,
  file: string | null = null,
): ValidatedPricing {
  const models = (value as { models?: unknown } | null)?.models;
  for (const id of typeof models === 'object' && models !== null ? Object.keys(models) : []) {
    const problem = modelIdProblem(id);
    if (problem) throw new PricingError(`${source}: the ${problem}`, { file, keyPath: 'models' });
  }
  const result = pricingSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const { keyPath, problem } = describeIssue(issue, value);
  const where = keyPath || 'the top level';
  const message =
    keyPath === '' && issue.code === 'invalid_type'
      ? `${source}: expected a JSON object like {"models": {"my-model": {"provider": "openai", "input": 1, "output": 2}}}`
      : `${source}: ${sanitizeTerminalLine(where)} ${problem}`;
  throw new PricingError(message, { file, keyPath: keyPath || null });
}
