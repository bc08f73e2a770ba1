/**
 * The genai-prices v2 price data (github.com/pydantic/genai-prices, MIT), as chatmeter reads it:
 * providers, each with models matched by rules on the model id and prices in USD per 1M tokens.
 * Only the fields chatmeter uses are typed; the rest is carried along untouched.
 */

/** A match rule on a (lower-cased) model id or provider name. */
export type MatchRule =
  | { readonly equals: string }
  | { readonly starts_with: string }
  | { readonly ends_with: string }
  | { readonly contains: string }
  | { readonly regex: string }
  | { readonly and: readonly MatchRule[] }
  | { readonly or: readonly MatchRule[] };

/** One price: a number, or a cliff on the whole prompt (`start` tokens and above, as a tier). */
export type DataPriceValue =
  | number
  | {
      readonly base: number;
      readonly tiers: readonly { readonly start: number; readonly price: number }[];
    };

/** The per-token prices of a model, USD per 1M tokens (other fields are not token prices). */
export interface DataPrices {
  readonly input_mtok?: DataPriceValue;
  readonly cache_read_mtok?: DataPriceValue;
  readonly cache_write_mtok?: DataPriceValue;
  readonly cache_write_1h_mtok?: DataPriceValue;
  readonly output_mtok?: DataPriceValue;
  readonly input_audio_mtok?: DataPriceValue;
  readonly output_audio_mtok?: DataPriceValue;
}

/** Prices that hold under a constraint: from a date on, or (not used here) at times of day. */
export interface DataConditionalPrices {
  readonly constraint?: {
    readonly start_date?: string;
    readonly start_time?: string;
    readonly end_time?: string;
  };
  readonly prices: DataPrices;
}

/** One model of a provider. */
export interface DataModel {
  readonly id: string;
  readonly name?: string;
  readonly match: MatchRule;
  readonly context_window?: number;
  readonly prices: DataPrices | readonly DataConditionalPrices[];
  readonly deprecated?: boolean;
  /** The date the project last checked this model's prices (YYYY-MM-DD), when the data says. */
  readonly prices_checked?: string;
}

/** One provider and its models. */
export interface DataProvider {
  readonly id: string;
  readonly name: string;
  readonly pricing_urls?: readonly string[];
  readonly api_pattern: string;
  readonly model_match?: MatchRule;
  readonly prices_checked?: string;
  readonly models: readonly DataModel[];
}

/** The whole v2 data file: a list of providers. */
export type PriceData = readonly DataProvider[];

/** A provider of the bundled data, its models still JSON text. */
export type BundledProvider = Omit<DataProvider, 'models'> & { readonly models: string };

/**
 * The bundled providers as price data whose models are parsed on first access, one provider
 * at a time: `chatmeter cost --model gpt-4o` parses OpenAI's models only.
 */
export function lazyPriceData(bundled: readonly BundledProvider[]): PriceData {
  return bundled.map((provider) => {
    let models: readonly DataModel[] | undefined;
    return {
      ...provider,
      get models() {
        models ??= JSON.parse(provider.models) as readonly DataModel[];
        return models;
      },
    };
  });
}

/**
 * What follows a `starts_with` prefix when the id names another, newer model: a short version
 * number (`claude-opus-5` + `-5` is claude-opus-5-5, not a snapshot of claude-opus-5). Snapshot
 * dates (`-20250929`, `-2025-08-07`), `@` versions and words (`-latest`) still match.
 */
const NEWER_VERSION = /^[-.]\d{1,2}(?!\d)/;

const regexCache = new Map<string, RegExp | null>();

function compiled(pattern: string): RegExp | null {
  if (!regexCache.has(pattern)) {
    let regex: RegExp | null;
    try {
      regex = new RegExp(pattern, 'i');
    } catch {
      // An invalid pattern matches nothing; `models update` refuses data that has one.
      regex = null;
    }
    regexCache.set(pattern, regex);
  }
  return regexCache.get(pattern) ?? null;
}

/** True when `id` (already lower-cased) satisfies `rule`; text rules compare case-insensitively. */
export function matchesRule(rule: MatchRule, id: string): boolean {
  if ('or' in rule) return rule.or.some((inner) => matchesRule(inner, id));
  if ('and' in rule) return rule.and.every((inner) => matchesRule(inner, id));
  if ('equals' in rule) return id === rule.equals.toLowerCase();
  if ('starts_with' in rule) {
    const prefix = rule.starts_with.toLowerCase();
    return id.startsWith(prefix) && !NEWER_VERSION.test(id.slice(prefix.length));
  }
  if ('ends_with' in rule) return id.endsWith(rule.ends_with.toLowerCase());
  if ('contains' in rule) return id.includes(rule.contains.toLowerCase());
  return compiled(rule.regex)?.test(id) ?? false;
}

/** The ids a rule names outright (`equals`), in order: the other names of a model. */
export function equalsIdsOf(rule: MatchRule): string[] {
  if ('or' in rule) return rule.or.flatMap(equalsIdsOf);
  if ('equals' in rule) return [rule.equals];
  return [];
}

/** The regex patterns of a rule, to check that each compiles. */
export function regexesOf(rule: MatchRule): string[] {
  if ('or' in rule) return rule.or.flatMap(regexesOf);
  if ('and' in rule) return rule.and.flatMap(regexesOf);
  return 'regex' in rule ? [rule.regex] : [];
}
