/**
 * The written form of prices, as in `models.pricing.ts` and pricing files (DESIGN §4). Every
 * price is USD per 1M tokens, a decimal number (or decimal text) with at most 6 decimals.
 */

/** A price in USD per 1M tokens: a decimal literal such as `0.075`, or its text `"0.075"`. */
export type UsdPerMTok = number | string;

/** The rates of a model or a tier, USD per 1M tokens. A missing cache rate means the input rate. */
export interface RatesInput {
  /** Uncached input tokens. */
  readonly input: UsdPerMTok;
  /** Output tokens, reasoning included. */
  readonly output: UsdPerMTok;
  /** Tokens read from the prompt cache. */
  readonly cacheRead?: UsdPerMTok;
  /** Tokens written to a 5-minute cache. */
  readonly cacheWrite5m?: UsdPerMTok;
  /** Tokens written to a 1-hour cache. */
  readonly cacheWrite1h?: UsdPerMTok;
  /** Uncached audio input (the input rate when unset). */
  readonly inputAudio?: UsdPerMTok;
  /** Audio output (the output rate when unset). */
  readonly outputAudio?: UsdPerMTok;
}

/** A long-context tier: only the rates that change once the whole prompt exceeds `above`. */
export interface TierInput extends Partial<RatesInput> {
  /** Threshold in prompt tokens (input + cache read + cache writes); a positive integer. */
  readonly above: number;
}

/** One model's written price, without its provider (the built-in table groups by provider). */
export interface ModelEntryInput extends RatesInput {
  /** Context window in tokens. */
  readonly contextWindow?: number;
  /** Long-context tiers, any order (they are sorted on load). */
  readonly tiers?: readonly TierInput[];
  /** Other ids that mean this model, e.g. a dated snapshot id with the same price. */
  readonly aliases?: readonly string[];
  /** YYYY-MM-DD when this price differs from its provider's `priceDate`. */
  readonly priceDate?: string;
}

/** One model in a pricing file or the config key `pricing`. */
export interface PricingFileModel extends ModelEntryInput {
  /** `openai`, `anthropic`, `google`, `xai`, `deepseek`, ... */
  readonly provider: string;
}

/** A pricing file (`--pricing FILE`) or the config key `pricing`. */
export interface PricingFile {
  readonly models: Readonly<Record<string, PricingFileModel>>;
}

/** One provider's block in `models.pricing.ts`. */
export interface ProviderPricing {
  /** The date the prices were taken, YYYY-MM-DD. */
  readonly priceDate: string;
  /** The page the prices were taken from. */
  readonly source: string;
  readonly models: Readonly<Record<string, ModelEntryInput>>;
}

/** The whole built-in price table (`models.pricing.ts`): provider name -> its prices. */
export type BuiltinPricing = Readonly<Record<string, ProviderPricing>>;

/** A fix to one field of a model the price data has wrong, with where it was checked. */
export interface PriceCorrection {
  /** The right context window in tokens. */
  readonly contextWindow?: number;
  /** YYYY-MM-DD the fix was checked against `source`. */
  readonly checked: string;
  readonly source: string;
}

/** A model's rates on one service tier (USD per 1M tokens; unset cache rates: the tier's input). */
export type ServiceTierRatesInput = Pick<RatesInput, 'input' | 'output' | 'cacheRead'>;

/** The curated layer, `models.pricing.ts`. */
export interface CuratedPricing {
  /** Models the data lacks or prices wrong, by provider. */
  readonly models: BuiltinPricing;
  /** Single-field fixes to data models, by model id. */
  readonly corrections: Readonly<Record<string, PriceCorrection>>;
  /** OpenAI service-tier rates, by model id (the data has none). */
  readonly serviceTiers: {
    readonly checked: string;
    readonly source: string;
    readonly models: Readonly<
      Record<string, Partial<Record<'flex' | 'priority' | 'batch', ServiceTierRatesInput>>>
    >;
    /** Tiers billed at half the standard rates, long-context tiers included. */
    readonly halfPrice: {
      /** Model ids with a flex tier. */
      readonly flex: readonly string[];
      /** Providers whose every model has a batch tier. */
      readonly batchProviders: readonly string[];
    };
  };
  /** The model ids offered in lists and completion, by provider: ids the provider's API takes. */
  readonly offered: Readonly<Record<string, readonly string[]>>;
}
