import type { DatabaseSync } from 'node:sqlite';
import { PICO_SPLIT } from './rollup-schema';
import { type Selection, where } from './queries';
import type { CacheWritePremium } from '../usage/grouped-totals';

/**
 * The cache-write premium of the selected calls by (provider, model), read from the calls that
 * wrote to a cache (a partial index holds only those). Money is summed in the two parts of
 * PICO_SPLIT, so the sum is exact past 2^63 pico-USD.
 */
export function cacheWritePremiumsByModel(
  db: DatabaseSync,
  selection: Selection,
): CacheWritePremium[] {
  const w = where(selection, false);
  const statement = db.prepare(`SELECT provider, model,
      COALESCE(SUM(cache_write_premium_pico / ${PICO_SPLIT}), 0) AS hi,
      COALESCE(SUM(cache_write_premium_pico % ${PICO_SPLIT}), 0) AS lo,
      SUM(cache_write_premium_pico IS NULL) AS unknown
    FROM calls WHERE ${w.sql} AND cache_write_5m_tokens + cache_write_1h_tokens > 0
    GROUP BY provider, model`);
  statement.setReadBigInts(true);
  const rows = statement.all(...w.params) as {
    provider: string;
    model: string;
    hi: bigint;
    lo: bigint;
    unknown: bigint;
  }[];
  return rows.map((row) => ({
    provider: row.provider,
    model: row.model,
    premiumPicoUsd: row.hi * PICO_SPLIT + row.lo,
    unknownCalls: Number(row.unknown),
  }));
}
