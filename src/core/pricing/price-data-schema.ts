import { z } from 'zod';
import { PricingError } from '../errors';
import { dataPriceToMicroUsd } from './money';
import { type PriceData, regexesOf } from './price-data';

const price = z.custom<number>(
  (value) => typeof value === 'number' && dataPriceToMicroUsd(value) !== null,
  { error: 'must be a price >= 0 in USD per 1M tokens' },
);
const tiered = z.object({
  base: price,
  tiers: z.array(z.object({ start: z.number().int().positive(), price })),
});
const priceValue = z.union([price, tiered]);

const prices = z.looseObject({
  input_mtok: priceValue.optional(),
  cache_read_mtok: priceValue.optional(),
  cache_write_mtok: priceValue.optional(),
  cache_write_1h_mtok: priceValue.optional(),
  output_mtok: priceValue.optional(),
  input_audio_mtok: priceValue.optional(),
  output_audio_mtok: priceValue.optional(),
});

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' });

const matchRule: z.ZodType = z.lazy(() =>
  z.union([
    z.strictObject({ equals: z.string() }),
    z.strictObject({ starts_with: z.string() }),
    z.strictObject({ ends_with: z.string() }),
    z.strictObject({ contains: z.string() }),
    z.strictObject({ regex: z.string() }),
    z.strictObject({ and: z.array(matchRule) }),
    z.strictObject({ or: z.array(matchRule) }),
  ]),
);

const conditional = z.looseObject({
  constraint: z
    .looseObject({
      start_date: date.optional(),
      start_time: z.string().optional(),
      end_time: z.string().optional(),
    })
    .optional(),
  prices,
});

const model = z.looseObject({
  id: z.string().min(1),
  match: matchRule,
  context_window: z.number().int().positive().optional(),
  prices: z.union([prices, z.array(conditional).min(1)]),
  prices_checked: date.optional(),
});

const provider = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  api_pattern: z.string(),
  model_match: matchRule.optional(),
  prices_checked: date.optional(),
  models: z.array(model),
});

const priceDataSchema = z.array(provider).min(1, { error: 'has no providers' });

function pathOf(path: readonly PropertyKey[], data: unknown): string {
  let text = '';
  let node: unknown = data;
  for (const key of path) {
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
    const id = (node as { id?: unknown } | undefined)?.id;
    text += typeof key === 'number' && typeof id === 'string' ? `[${id}]` : `.${String(key)}`;
  }
  return text.replace(/^\./, '');
}

/**
 * The issue to report: for a value that matches no branch of a union (a price that is neither
 * a number nor a tier object), the branch issue that got furthest, with its full path.
 */
function deepestIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const nested = issue.errors
    .flat()
    .map((inner) => deepestIssue({ ...inner, path: [...issue.path, ...inner.path] }));
  return nested.reduce((best, next) => (next.path.length > best.path.length ? next : best));
}

/**
 * Checks parsed data against the genai-prices v2 shape chatmeter reads: a list of providers,
 * each with models that have a match rule and prices (numbers >= 0, tiers, dated lists), and
 * regexes that compile.
 * @throws PricingError with one line naming the provider/model and field at fault.
 */
export function validatePriceData(value: unknown, source: string): PriceData {
  const result = priceDataSchema.safeParse(value);
  if (!result.success) {
    const issue = deepestIssue(result.error.issues[0]!);
    const where = pathOf(issue.path, value) || 'the top level';
    throw new PricingError(
      `${source}: not genai-prices v2 price data: ${where}: ${issue.message}`,
    );
  }
  const data = result.data as unknown as PriceData;
  for (const entry of data) {
    for (const item of entry.models) {
      for (const pattern of regexesOf(item.match)) {
        try {
          new RegExp(pattern);
        } catch {
          throw new PricingError(
            `${source}: not usable price data: ${entry.id}/${item.id} has an invalid match regex ${JSON.stringify(pattern)}`,
          );
        }
      }
    }
  }
  return data;
}

/** The newest `prices_checked` date anywhere in the data, or null when it has none. */
export function newestCheckedDate(data: PriceData): string | null {
  let newest: string | null = null;
  for (const entry of data) {
    for (const date of [entry.prices_checked, ...entry.models.map((m) => m.prices_checked)]) {
      if (date !== undefined && (newest === null || date > newest)) newest = date;
    }
  }
  return newest;
}
