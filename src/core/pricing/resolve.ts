import type { ModelPrice } from './types';

/** A date suffix of a snapshot id: `-2025-08-07`, `-20250929`, or Vertex's `@20250929`. */
const DATE_SUFFIX = /(?:-\d{4}-\d{2}-\d{2}|-\d{8}|@\d{8})$/;

/** Removes a router's provider prefix (`openai/gpt-4o`, `x-ai/grok-4`, `models/gemini-2.5-pro`). */
function stripProviderPrefix(modelId: string): string {
  const slash = modelId.lastIndexOf('/');
  return slash === -1 ? modelId : modelId.slice(slash + 1);
}

/** Removes a snapshot date suffix (`gpt-5-2025-08-07` -> `gpt-5`). */
export function stripDateSuffix(modelId: string): string {
  return modelId.replace(DATE_SUFFIX, '');
}

/**
 * Resolves a model id against lower-cased id and alias indexes, in the order of DESIGN §4: the
 * exact id, an alias, then the id without a provider prefix, then without a date suffix. A dated
 * id with an entry of its own matches exactly first, so it keeps its own price.
 */
export function resolveModelId(
  modelId: string,
  byId: ReadonlyMap<string, ModelPrice>,
  byAlias: ReadonlyMap<string, ModelPrice>,
): ModelPrice | undefined {
  const id = modelId.trim().toLowerCase();
  const bare = stripProviderPrefix(id);
  const candidates = [id, bare, stripDateSuffix(bare)];
  for (const candidate of candidates) {
    const found = byId.get(candidate) ?? byAlias.get(candidate);
    if (found) return found;
  }
  return undefined;
}
