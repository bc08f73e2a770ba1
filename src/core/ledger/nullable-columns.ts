/** Readers of nullable SQLite columns, shared by the ledger and the conversation store. */

/** A nullable integer column as a number. */
export const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** A nullable integer column as a bigint (money in pico-USD). */
export const nullableBigInt = (value: unknown): bigint | null =>
  value === null || value === undefined ? null : BigInt(value as bigint | number);

/** A nullable text column. */
export const nullableText = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
