import { editDistance } from '../core/edit-distance';

/** A slash command as typed: the name (lower-cased, without `/`) and the rest of the line. */
export interface ParsedSlash {
  readonly name: string;
  readonly args: string;
}

/**
 * Parses a line of input as a slash command. Returns null when the line is not one (it does not
 * start with `/`, or starts with `//` or `/ `, which are sent as a message).
 */
export function parseSlash(input: string): ParsedSlash | null {
  const text = input.trim();
  const match = /^\/([A-Za-z][\w-]*)(?:\s+([\s\S]*))?$/.exec(text);
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), args: (match[2] ?? '').trim() };
}

/**
 * The candidate closest to `name`, when it is close enough to be a likely typo: at most 2 edits
 * (1 for names of up to 3 letters), or `name` begins a candidate (the shortest such one).
 */
export function nearestName(name: string, candidates: readonly string[]): string | null {
  const prefixed = candidates.filter((c) => c.startsWith(name)).sort((a, b) => a.length - b.length);
  if (prefixed.length > 0) return prefixed[0]!;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = name.length <= 3 ? 1 : 2;
  return bestDistance <= limit ? best : null;
}
