import { formatBytes, shownName } from '../../core/files/attachment';
import type { AttachmentPreview } from '../../core/files/attacher';
import { PLAIN_MOCK_MODEL } from '../../core/usage/types';
import { formatCost, formatCount } from '../text/format';

const TTL_NAME = { '5m': '5-minute', '1h': '1-hour' } as const;

/** The line for a file whose prompt will be cached: written on this turn, read on later ones. */
function cachedLine(preview: AttachmentPreview, head: string, laterTurns: boolean): string {
  const { writePicoUsd, readPicoUsd, ttl } = preview.cached!;
  const write = formatCost(writePicoUsd, { estimated: true });
  const read = formatCost(readPicoUsd, { estimated: true });
  const model = shownName(preview.model);
  const figures = laterTurns
    ? `${write} to this turn (written to the ${TTL_NAME[ttl]} cache) and ${read} to every later one (read from it while warm)`
    : `${write} to this call (written to the ${TTL_NAME[ttl]} cache)`;
  return preview.simulated
    ? `${head}: would add ${figures} on ${model} (simulated, not charged).`
    : `${head}: adds ${figures} at ${model}'s cache prices.`;
}

/**
 * The line shown when a file is attached, before anything is sent: its size and tokens, and what
 * it adds at the model's input price, to this turn and (`laterTurns`, in a chat) to every later
 * one, since each turn resends the conversation. Figures are marked `~`: the tokens are counted
 * with a tokenizer before the provider has seen them. When the prompt carrying it will be cached,
 * the figures are the cache-write rate for this turn and the cache-read rate for later ones.
 * Controls in the name are shown visibly.
 */
export function attachmentLine(preview: AttachmentPreview, laterTurns: boolean): string {
  const { attachment, tokens, costPicoUsd, model } = preview;
  if (preview.alreadyAttached) {
    const message = laterTurns ? 'your next message' : 'this call';
    return `${shownName(attachment.name)} is already attached to ${message}: it is sent once, nothing is added.`;
  }
  const head = `Attached ${shownName(attachment.name)} (${formatBytes(attachment.bytes)}, ~${formatCount(tokens)} tokens)`;
  const turns = laterTurns ? 'to this turn and to every later one' : 'to this call';
  const modelName = shownName(model);
  if (costPicoUsd === null) {
    return preview.simulated && model === PLAIN_MOCK_MODEL
      ? `${head}: mock mode, no cost.`
      : `${head}: ${modelName} has no price, so what it adds is not known.`;
  }
  const cost = formatCost(costPicoUsd, { estimated: true });
  if (preview.cached) return cachedLine(preview, head, laterTurns);
  if (preview.simulated) {
    return `${head}: would add ${cost} ${turns} on ${modelName} (simulated, not charged).`;
  }
  return `${head}: adds ${cost} ${turns} at ${modelName}'s input price.`;
}
