import { formatBytes, shownName } from '../../core/files/attachment';
import type { AttachmentPreview } from '../../core/files/attacher';
import { formatCost, formatCount } from '../text/format';

/**
 * The line shown when a file is attached, before anything is sent: its size and tokens, and what
 * it adds at the model's input price, to this turn and (`laterTurns`, in a chat) to every later
 * one, since each turn resends the conversation. Figures are marked `~`: the tokens are counted
 * with a tokenizer before the provider has seen them. Controls in the name are shown visibly.
 */
export function attachmentLine(preview: AttachmentPreview, laterTurns: boolean): string {
  const { attachment, tokens, costPicoUsd, model } = preview;
  const head = `Attached ${shownName(attachment.name)} (${formatBytes(attachment.bytes)}, ~${formatCount(tokens)} tokens)`;
  const turns = laterTurns ? 'to this turn and to every later one' : 'to this call';
  const modelName = shownName(model);
  if (costPicoUsd === null) {
    return preview.simulated && model === 'mock'
      ? `${head}: mock mode, no cost.`
      : `${head}: ${modelName} has no price, so what it adds is not known.`;
  }
  const cost = formatCost(costPicoUsd, { estimated: true });
  if (preview.simulated) {
    return `${head}: would add ${cost} ${turns} on ${modelName} (simulated, not charged).`;
  }
  return `${head}: adds ${cost} ${turns} at ${modelName}'s input price.`;
}
