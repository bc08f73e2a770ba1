import { UsageError } from '../errors';
import type { ReportedCost } from './provider-cost';
import type { Usage } from './types';

/** A raw usage object as a provider sent it (already parsed from JSON). */
export type RawObject = Readonly<Record<string, unknown>>;

/** True for a plain (non-array, non-null) object. */
export function isObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that `raw` is a usage object.
 * @throws UsageError naming what was received instead.
 */
export function requireObject(raw: unknown, what: string): RawObject {
  if (isObject(raw)) return raw;
  const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`;
  throw new UsageError(`${what} must be a JSON object with token counts, got ${got}`);
}

/** A nested object field (`prompt_tokens_details`), or undefined when absent or null. */
export function readObject(raw: RawObject, field: string, path: string): RawObject | undefined {
  const value = raw[field];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new UsageError(`usage field ${path}${field} must be an object`);
  return value;
}

/**
 * A token count field: an integer >= 0, or 0 when absent or null.
 * @throws UsageError naming the field when it is negative, fractional or not a number.
 */
export function readCount(raw: RawObject | undefined, field: string, path = ''): number {
  const value = raw?.[field];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new UsageError(
      `usage field ${path}${field} must be a number, got ${JSON.stringify(value)}`,
    );
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new UsageError(`usage field ${path}${field} must be a whole number >= 0, got ${value}`);
  }
  return value;
}

/** True when `field` is present with a value (not undefined or null). */
export function has(raw: RawObject | undefined, field: string): boolean {
  return raw?.[field] !== undefined && raw?.[field] !== null;
}

/** `a - b` clamped to 0, with a warning when the provider's numbers do not add up. */
export function clampedDifference(a: number, b: number, what: string, warnings: string[]): number {
  if (a >= b) return a - b;
  warnings.push(`${what}: the provider's numbers do not add up (${a} < ${b}); counted as 0`);
  return 0;
}

/**
 * Reasoning (or thinking) tokens, which are part of the output: clamped to the output count,
 * with a warning, when a provider reports more of them than output tokens.
 */
export function clampedPart(
  part: number,
  outputTokens: number,
  what: 'reasoning' | 'thinking',
  warnings: string[],
): number {
  if (part <= outputTokens) return part;
  warnings.push(
    `${what} tokens (${part}) exceed output tokens (${outputTokens}); ${what} counted as ${outputTokens}`,
  );
  return outputTokens;
}

/** Normalised usage of one raw usage object, with notes on numbers that did not add up. */
export interface NormalizedUsage {
  readonly usage: Usage;
  /** One line each, for stderr or a notice; empty when the numbers were consistent. */
  readonly warnings: string[];
  /** The charge the provider reported with the usage (OpenRouter, xAI), when it sent one. */
  readonly reportedCost?: ReportedCost;
}
