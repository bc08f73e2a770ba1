/**
 * Price data after validation. Rates are integer micro-USD per 1M tokens, so
 * tokens x rate is an exact integer number of pico-USD (DESIGN §4).
 */
export interface Rates {
  /** Uncached input, micro-USD per 1M tokens. */
  readonly input: bigint;
  readonly output: bigint;
  /** Defaults to the input rate when the provider does not charge it separately. */
  readonly cacheRead: bigint;
  readonly cacheWrite5m: bigint;
  readonly cacheWrite1h: bigint;
  /** Uncached audio input; the input rate when the model has no audio price. */
  readonly inputAudio: bigint;
  /** Audio output; the output rate when the model has no audio price. */
  readonly outputAudio: bigint;
}

/** A long-context tier: when the whole prompt exceeds `aboveTokens`, every bucket uses `rates`. */
export interface PriceTier {
  readonly aboveTokens: number;
  /** Complete rates for the tier (the tier's own rates merged over the base rates). */
  readonly rates: Rates;
}

/** Rates and tiers that hold together: a model's current prices, a dated period, a tier. */
export interface PriceSchedule {
  readonly rates: Rates;
  /** Sorted by `aboveTokens` ascending. */
  readonly tiers: readonly PriceTier[];
}

/** Prices in force from a date on (introductory prices, cuts, context-window changes). */
export interface DatedPrice extends PriceSchedule {
  /** Start of the period, epoch milliseconds (UTC midnight of the published date). */
  readonly fromMs: number;
}

/** OpenAI's processing tiers with prices of their own (`default` and `auto` use the base rates). */
export const PRICED_SERVICE_TIERS = ['flex', 'priority', 'batch'] as const;
/** A service tier that has its own rates. */
export type PricedServiceTier = (typeof PRICED_SERVICE_TIERS)[number];

/** Where a price comes from, most trusted last (DESIGN §4 precedence). */
export type PriceOrigin = 'bundled' | 'refreshed' | 'curated' | 'user';

/** One priced model. */
export interface ModelPrice {
  /** Canonical id in the table, e.g. `gpt-5-mini`. */
  readonly id: string;
  /** `openai`, `anthropic`, `google`, `xai`, `deepseek`, or what a pricing file says. */
  readonly provider: string;
  readonly rates: Rates;
  /** Sorted by `aboveTokens` ascending. */
  readonly tiers: readonly PriceTier[];
  /** Context window in tokens, when known. */
  readonly contextWindowTokens: number | null;
  readonly aliases: readonly string[];
  /** Date the price was taken (YYYY-MM-DD), when known. */
  readonly priceDate: string | null;
  /** Page the price was taken from, or the pricing file that set it. */
  readonly source: string | null;
  /** Which layer the price comes from: the bundled or refreshed data, curated, or the user's. */
  readonly origin: PriceOrigin;
  /**
   * Every dated period of the price, oldest first, each in force from `fromMs` until the next
   * starts (`rates` and `tiers` above are the period in force now). Empty when it never changed.
   */
  readonly history: readonly DatedPrice[];
  /** Rates of the service tiers this model has a price for (flex, priority, batch). */
  readonly serviceTiers: Readonly<Partial<Record<PricedServiceTier, PriceSchedule>>>;
  /**
   * For a price from the data: the date its maintainers last checked it (`prices_checked`),
   * when the data says. Refreshed data checked after a curated entry's date wins over it.
   */
  readonly checkedDate?: string;
}

/** The genai-prices data a price table reads: bundled with this release or refreshed. */
export interface PriceDataInfo {
  readonly origin: 'bundled' | 'refreshed';
  /** YYYY-MM-DD: the bundled data's publication date, or when it was refreshed. */
  readonly date: string;
  /** Where it came from (URL or file). */
  readonly source: string;
  /** Why refreshed data could not be used (the bundled data is used instead), else null. */
  readonly problem: string | null;
}

/** Cost of one call, split by bucket, in pico-USD. */
export interface CostBreakdown {
  readonly totalPicoUsd: bigint;
  readonly inputPicoUsd: bigint;
  readonly cacheReadPicoUsd: bigint;
  readonly cacheWrite5mPicoUsd: bigint;
  readonly cacheWrite1hPicoUsd: bigint;
  readonly outputPicoUsd: bigint;
  /** The tier applied (its threshold), or null for base rates. */
  readonly tierAboveTokens: number | null;
  /** The service tier whose rates were used (`flex`, `priority`, `batch`), or null for standard. */
  readonly serviceTier: PricedServiceTier | null;
}

/** The validated price table: built-in prices with any pricing file or config merged over them. */
export interface PriceTable {
  /** Resolves a model id (exact, alias, provider prefix, date suffix; DESIGN §4). */
  resolve(modelId: string): ModelPrice | undefined;
  /**
   * The models chatmeter offers (lists, `/models`, Tab completion), each under an id its
   * provider's API accepts, then any model a pricing file adds; in offer order.
   */
  list(): readonly ModelPrice[];
  /** Every priced model: the data's, the curated ones and the user's, sorted by provider and id. */
  listAll(): readonly ModelPrice[];
  /** The price data in use, or null for a table without data (tests, a bare pricing file). */
  readonly data: PriceDataInfo | null;
}
