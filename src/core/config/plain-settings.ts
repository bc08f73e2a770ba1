/**
 * A quick acceptance of ordinary config files without zod. Loading zod and building the schema
 * was about 16 ms of `chatmeter status` with a budget in its config file; most files hold a few
 * budget figures and switches. This check accepts only what the schema (`schema.ts`) surely
 * accepts and returns it as the schema would; anything else (model ids, URLs, pricing, unknown
 * keys, any doubtful value) is left to the schema, which also words the problems.
 * tests/core/config/plain-settings.test.ts compares the two over generated files.
 */
import { parseDecimalScaled } from '../decimal';
import type { SettingsFile } from './schema';
import { PROVIDER_IDS, SERVICE_TIERS } from './settings';

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const oneOf =
  (choices: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && choices.includes(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
const positiveInteger: Check = (value) => Number.isSafeInteger(value) && (value as number) > 0;
/** A budget in USD: at least 0, at most 12 decimals (1 pico-USD). */
const usd: Check = (value) =>
  isNumber(value) && value >= 0 && parseDecimalScaled(String(value), 12) !== null;
const fraction: Check = (value) => isNumber(value) && value > 0 && value <= 1;

/** An object whose keys are all in `checks`, each value passing its check. */
const objectOf =
  (checks: Record<string, Check>): Check =>
  (value) =>
    isObject(value) && Object.entries(value).every(([key, item]) => checks[key]?.(item) === true);

const budget: Check = (value) =>
  objectOf({
    sessionUsd: usd,
    dailyUsd: usd,
    monthlyUsd: usd,
    warnAt: fraction,
    alertAt: fraction,
    onExceed: oneOf(['warn', 'block']),
  })(value) &&
  !(
    isObject(value) &&
    isNumber(value.warnAt) &&
    isNumber(value.alertAt) &&
    value.warnAt > value.alertAt
  );

/** The top-level keys this check decides on; any other key goes to the schema. */
const TOP_LEVEL: Record<string, Check> = {
  defaultProvider: oneOf(PROVIDER_IDS),
  system: (value) => typeof value === 'string',
  maxTokens: positiveInteger,
  serviceTier: oneOf(SERVICE_TIERS),
  timeoutSeconds: positiveInteger,
  mockDelayMs: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  ledger: isBoolean,
  budget,
  prices: objectOf({ autoUpdate: isBoolean }),
  telemetry: objectOf({ enabled: isBoolean }),
};

/**
 * The config file's object as the schema would return it, when it surely passes the schema;
 * null when the schema must decide. Never throws.
 */
export function plainSettingsFile(data: Record<string, unknown>): SettingsFile | null {
  return objectOf(TOP_LEVEL)(data) ? (structuredClone(data) as SettingsFile) : null;
}
