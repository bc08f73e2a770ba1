import { originLabel, staleDataWarning } from '../core/pricing/data-age';
import type { ModelPrice } from '../core/pricing/types';
import { usdPerMTokText } from '../reports/text/format';
import { compactTokens } from '../reports/prices/models-report';
import { alignColumns } from '../reports/text/grid';
import type { SlashCommand } from './types';

/**
 * A rate for display in USD per 1M tokens, exact as published (`$2.50`, `$0.125`, `$0.075`),
 * from integer micro-USD per 1M tokens; the same figures `chatmeter models` prints.
 */
export function formatUsdPerMTok(microUsdPerMTok: bigint): string {
  return `$${usdPerMTokText(microUsdPerMTok, 2)}`;
}

/**
 * A filter that matches text where `filter` starts a part of it (after `-`, `.`, `/`, `:`, `_`
 * or at the start), ignoring case: `mini` finds gpt-4o-mini and o4-mini, not gemini; `4o`
 * finds gpt-4o. An empty filter matches everything.
 */
function wordStartMatcher(filter: string): (text: string) => boolean {
  const wanted = filter.trim().toLowerCase();
  if (wanted === '') return () => true;
  const escaped = wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:^|[-./:_])${escaped}`);
  return (text) => pattern.test(text.toLowerCase());
}

function row(price: ModelPrice, current: string): string[] {
  const { rates } = price;
  const cached = rates.cacheRead === rates.input ? '-' : formatUsdPerMTok(rates.cacheRead);
  return [
    price.id === current ? `* ${price.id}` : `  ${price.id}`,
    price.provider,
    formatUsdPerMTok(rates.input),
    cached,
    formatUsdPerMTok(rates.output),
    price.contextWindowTokens === null ? '-' : compactTokens(price.contextWindowTokens),
    originLabel(price),
  ];
}

/** `/models [filter]`: known models with prices (USD per 1M tokens); `*` marks the current one. */
export const modelsCommand: SlashCommand = {
  name: 'models',
  aliases: [],
  args: '[filter]',
  summary: 'list models with prices per 1M tokens',
  run: (args, context) => {
    const matches = wordStartMatcher(args);
    // Listed ids are API ids; the session's may be an alias or snapshot of the same price.
    const table = context.priceTable;
    const currentId = context.session.modelInfo.price?.id ?? context.session.model;
    const listedIdOf = (p: ModelPrice) => (table.resolve(p.id)?.id === currentId ? p.id : '');
    const current =
      table.list().find((p) => p.id === context.session.model)?.id ??
      table.list().map(listedIdOf).find(Boolean) ??
      context.session.model;
    const prices = context.priceTable
      .list()
      .filter((p) => matches(p.id) || matches(p.provider));
    if (prices.length === 0) {
      return { kind: 'notice', level: 'warn', text: `No model matches "${args}". Try /models.` };
    }
    const header = ['  model', 'provider', 'input', 'cached', 'output', 'context', 'price from'];
    const rows = [header, ...prices.map((p) => row(p, current))];
    const { line } = alignColumns(rows, ['left', 'left', 'right', 'right', 'right', 'right', 'left']);
    const lines = rows.map(line);
    const footer =
      context.mode === 'mock'
        ? 'Prices in USD per 1M tokens. Mock mode simulates these models; /model <id> switches.'
        : 'Prices in USD per 1M tokens. /model <id> switches.';
    const stale = table.data && staleDataWarning(table.data, Date.now());
    const origins =
      'Price from: bundled / refreshed genai-prices data, curated corrections, or yours (--pricing).';
    const notes = [footer, origins, ...(stale ? [`Note: ${stale}`] : [])];
    return { kind: 'text', text: [...lines, ...notes].join('\n') };
  },
};
