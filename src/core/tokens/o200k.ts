/**
 * o200k token counting over a compact rank table: every token's bytes, sorted, in one buffer,
 * searched in place. Loading it is one file read (the bundle's o200k.bin), where
 * building gpt-tokenizer's maps of the same ranks took about 300 ms and 75 MB on every run that
 * counted a token. Counts are exactly the package's (tests/core/tokens/o200k.test.ts compares).
 */

/**
 * The o200k pre-tokeniser (gpt-tokenizer's `O200K_TOKEN_SPLIT_REGEX`, itself tiktoken's). A
 * function, so the pattern is made only when text outside ASCII comes: creating it costs a few
 * milliseconds (its Unicode classes), and V8 keeps what it built for the next call.
 */
const split = () =>
  /[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

/**
 * {@link split} for text that is all ASCII: the same pattern with each Unicode class cut down to
 * its ASCII members (`\p{L}` to `A-Za-z`, `\p{Lu}` to `A-Z`, `\p{Ll}` to `a-z`, `\p{N}` to
 * `0-9`; `\p{Lt}`, `\p{Lm}`, `\p{Lo}` and `\p{M}` have none), so on such text it finds the same
 * pieces. Without the `u` flag's Unicode tables V8 compiles it in a fraction of the time: the
 * first use of that pattern was about 10 ms of a one-shot mock call, which only counts ASCII text.
 */
const ASCII_SPLIT =
  /[^\r\nA-Za-z0-9]?[A-Z]*[a-z]+(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|[^\r\nA-Za-z0-9]?[A-Z]+[a-z]*(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|[0-9]{1,3}| ?[^\sA-Za-z0-9]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+/g;

/** Any character outside ASCII. */
const NON_ASCII = /[^\x00-\x7f]/;

/** Token byte strings sorted bytewise, with each one's rank. */
export interface RankTable {
  /** Every token's bytes, one after another in sorted order. */
  readonly bytes: Uint8Array;
  /** Where entry `i` starts in `bytes`; entry `i` ends where `i + 1` starts (`count + 1` items). */
  readonly offsets: Uint32Array;
  /** Rank of entry `i`. */
  readonly ranks: Uint32Array;
}

/** Compares two byte strings (negative, 0 or positive, like `Buffer.compare`). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * The serialised table of gpt-tokenizer's rank list (index = rank; a string or the bytes of a
 * token; holes for unused ranks): u32 count, `count` u32 ranks, `count + 1` u32 offsets of each
 * token in the bytes, then the bytes, all in bytewise order of the tokens (little-endian). The
 * offsets are stored, not worked out on load, so loading reads the table in place. Used at
 * build time and by tests.
 */
export function encodeRankTable(ranks: readonly (string | readonly number[] | undefined)[]): Uint8Array {
  const encoder = new TextEncoder();
  const entries: { bytes: Uint8Array; rank: number }[] = [];
  ranks.forEach((token, rank) => {
    if (token === undefined) return;
    const bytes = typeof token === 'string' ? encoder.encode(token) : Uint8Array.from(token);
    entries.push({ bytes, rank });
  });
  entries.sort((a, b) => compareBytes(a.bytes, b.bytes));
  const count = entries.length;
  const size = entries.reduce((sum, entry) => sum + entry.bytes.length, 0);
  const bytesAt = 4 + count * 4 + (count + 1) * 4;
  const out = new Uint8Array(bytesAt + size);
  const view = new DataView(out.buffer);
  view.setUint32(0, count, true);
  let offset = 0;
  entries.forEach((entry, i) => {
    view.setUint32(4 + i * 4, entry.rank, true);
    view.setUint32(4 + count * 4 + i * 4, offset, true);
    out.set(entry.bytes, bytesAt + offset);
    offset += entry.bytes.length;
  });
  view.setUint32(4 + count * 8, offset, true);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** `length` u32 values at byte `at` of `data`: in place where little-endian and aligned, else copied. */
function u32s(data: Uint8Array, at: number, length: number): Uint32Array {
  if (LITTLE_ENDIAN && (data.byteOffset + at) % 4 === 0) {
    return new Uint32Array(data.buffer, data.byteOffset + at, length);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return Uint32Array.from({ length }, (_, i) => view.getUint32(at + i * 4, true));
}

/** Reads a table written by {@link encodeRankTable} (in place: nothing is copied or computed). */
export function decodeRankTable(data: Uint8Array): RankTable {
  const count = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
  return {
    ranks: u32s(data, 4, count),
    offsets: u32s(data, 4 + count * 4, count + 1),
    bytes: data.subarray(4 + count * 8 + 4),
  };
}

/** Rank of `piece[start, end)` in the table, or Infinity when it is not a token. */
function rankOf(table: RankTable, piece: Uint8Array, start: number, end: number): number {
  const { bytes, offsets, ranks } = table;
  let low = 0;
  let high = ranks.length - 1;
  const length = end - start;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = offsets[mid]!;
    const tokenLength = offsets[mid + 1]! - at;
    const n = Math.min(length, tokenLength);
    let cmp = 0;
    for (let i = 0; i < n && cmp === 0; i++) cmp = bytes[at + i]! - piece[start + i]!;
    if (cmp === 0) cmp = tokenLength - length;
    if (cmp === 0) return ranks[mid]!;
    if (cmp < 0) low = mid + 1;
    else high = mid - 1;
  }
  return Number.POSITIVE_INFINITY;
}

/** Tokens of one pre-token: byte-pair merges, lowest rank first (tiktoken's algorithm). */
function mergedCount(table: RankTable, piece: Uint8Array): number {
  if (rankOf(table, piece, 0, piece.length) !== Number.POSITIVE_INFINITY) return 1;
  const starts: number[] = [];
  const ranks: number[] = [];
  for (let i = 0; i <= piece.length; i++) {
    starts.push(i);
    ranks.push(i < piece.length - 1 ? rankOf(table, piece, i, i + 2) : Number.POSITIVE_INFINITY);
  }
  const pairRank = (i: number) =>
    i + 2 < starts.length ? rankOf(table, piece, starts[i]!, starts[i + 2]!) : Number.POSITIVE_INFINITY;
  while (starts.length > 1) {
    let lowest = Number.POSITIVE_INFINITY;
    let at = -1;
    for (let i = 0; i < ranks.length - 1; i++) {
      if (ranks[i]! < lowest) {
        lowest = ranks[i]!;
        at = i;
      }
    }
    if (at === -1) break;
    starts.splice(at + 1, 1);
    ranks.splice(at, 1);
    ranks[at] = pairRank(at);
    if (at > 0) ranks[at - 1] = pairRank(at - 1);
  }
  return starts.length - 1;
}

/** Most pre-tokens whose counts a counter remembers before it starts afresh. */
const CACHE_LIMIT = 20_000;

/**
 * A counter of o200k tokens over `table`, as OpenAI's tokenizer counts them. It remembers the
 * count of each pre-token (words repeat: a conversation is counted again on every call), up to
 * {@link CACHE_LIMIT} of them. Special-token text such as `<|endoftext|>` counts as ordinary
 * text (what a provider does with it in a message).
 */
export function o200kCounter(table: RankTable): (text: string) => number {
  const encoder = new TextEncoder();
  const known = new Map<string, number>();
  return (text) => {
    let count = 0;
    for (const [piece] of text.matchAll(NON_ASCII.test(text) ? split() : ASCII_SPLIT)) {
      let tokens = known.get(piece);
      if (tokens === undefined) {
        tokens = mergedCount(table, encoder.encode(piece));
        if (known.size >= CACHE_LIMIT) known.clear();
        known.set(piece, tokens);
      }
      count += tokens;
    }
    return count;
  };
}
