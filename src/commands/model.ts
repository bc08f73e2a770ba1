import type { ModelPrice } from '../core/pricing/types';
import { formatCount } from '../reports/text/format';
import { formatUsdPerMTok } from './models';
import { nearestName } from './parse';
import type { CommandContext, CommandResult, SlashCommand } from './types';

function describe(model: string, provider: string, price: ModelPrice | undefined): string {
  if (!price) return `${model} (${provider}), no known price`;
  const input = formatUsdPerMTok(price.rates.input);
  const output = formatUsdPerMTok(price.rates.output);
  const window = price.contextWindowTokens
    ? `, ${formatCount(price.contextWindowTokens)}-token context`
    : '';
  return `${model} (${provider}): ${input} in / ${output} out per 1M tokens${window}`;
}

function show(context: CommandContext): CommandResult {
  const { id, providerId, price } = context.session.modelInfo;
  const text = describe(id, providerId, price);
  return {
    kind: 'notice',
    level: 'info',
    text: `Model: ${text}. Switch with /model <id>; list with /models.`,
  };
}

/**
 * `/model [id]`: without an id shows the current model and its price; with one switches to it
 * (the provider follows the id; mock mode stays mock and simulates the model). An id with no
 * price is allowed with a warning naming the nearest known id, since its tokens still count.
 */
export const modelCommand: SlashCommand = {
  name: 'model',
  aliases: [],
  args: '[id]',
  summary: 'show the model, or switch to another',
  completeArgs: (partial, context) =>
    context.priceTable
      .list()
      .map((price) => price.id)
      .filter((id) => id.startsWith(partial)),
  run: (args, context) => {
    if (args === '') return show(context);
    const result = context.session.switchModel(args.split(/\s+/)[0]!);
    if (!result.ok) return { kind: 'notice', level: 'error', text: result.message };
    const { price } = context.session.modelInfo;
    const simulated = result.simulated
      ? ' Mock mode: replies are simulated, cost shows as sim.'
      : '';
    if (!price && result.model !== 'mock') {
      const ids = context.priceTable.list().map((p) => p.id);
      const nearest = nearestName(result.model, ids);
      const hint = nearest ? ` Did you mean /model ${nearest}?` : ' See /models for known ids.';
      const notes = result.notices.join(' ');
      return {
        kind: 'notice',
        level: 'warn',
        text: `Switched to ${result.model} (${result.providerId}), an unknown model. ${notes}${hint}`,
      };
    }
    return {
      kind: 'notice',
      level: 'info',
      text: `Switched to ${describe(result.model, result.providerId, price)}.${simulated}`,
    };
  },
};
