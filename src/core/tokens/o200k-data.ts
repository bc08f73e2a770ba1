import ranks from 'gpt-tokenizer/bpeRanks/o200k_base';
import { encodeRankTable } from './o200k';

/**
 * The o200k rank table in the form of {@link encodeRankTable}. From source (tests) it is built
 * from gpt-tokenizer's ranks on each call; the bundle replaces this module with the table built
 * once at build time (scripts/o200k-table.mjs), so a run that counts tokens only decodes it.
 */
export function o200kTableBytes(): Uint8Array {
  return encodeRankTable(ranks);
}
