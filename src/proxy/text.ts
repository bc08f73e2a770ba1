/** Keys whose string values are text a model reads or writes (not ids, roles or types). */
const TEXT_KEYS = new Set([
  'text',
  'content',
  'input',
  'instructions',
  'system',
  'arguments',
  'thinking',
  'partial_json',
  'description',
  'output',
]);

/**
 * The text in a request or response body, for a tokenizer estimate when the provider sent no
 * usage: every string under a text-bearing key (`content`, `text`, `input`, `system`,
 * `arguments`...), at any depth, joined by newlines. Tool schemas count through their
 * descriptions only; the estimate is marked `~` anyway.
 */
export function textOf(value: unknown): string {
  const parts: string[] = [];
  collect(value, false, parts);
  return parts.join('\n');
}

/** Strings count when their own key (or the key of the array holding them) is a text key. */
function collect(value: unknown, textKey: boolean, parts: string[]): void {
  if (typeof value === 'string') {
    if (textKey) parts.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, textKey, parts);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, item] of Object.entries(value)) collect(item, TEXT_KEYS.has(key), parts);
}
