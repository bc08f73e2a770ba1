import type { ModelPrice, PriceTable } from './types';
import { PLAIN_MOCK_MODEL, type SessionMode } from '../usage/types';

/**
 * What a chat knows about the model it talks to, worked out once when the model is chosen
 * (start-up, `/model`) and shared by the session, the status bar, the commands and the budget
 * instead of each resolving the bare id again.
 */
export interface ModelInfo {
  /** The id sent to the provider, as the user gave it (`claude-sonnet-4-20250514`). */
  readonly id: string;
  /** `openai`, `anthropic` or `mock`. */
  readonly providerId: string;
  /** Its price (undefined: unpriced, never $0), with the id it is priced as (`price.id`). */
  readonly price: ModelPrice | undefined;
  /** Context window in tokens, when known. */
  readonly contextWindowTokens: number | null;
  /** Mock mode playing a real model: its cost is what that model would have cost. */
  readonly simulated: boolean;
}

/** Resolves `id` once in `table` into a {@link ModelInfo}. */
export function describeModel(
  table: PriceTable,
  id: string,
  providerId: string,
  mode: SessionMode,
): ModelInfo {
  const price = table.resolve(id);
  return {
    id,
    providerId,
    price,
    contextWindowTokens: price?.contextWindowTokens ?? null,
    simulated: mode === 'mock' && id !== PLAIN_MOCK_MODEL,
  };
}
