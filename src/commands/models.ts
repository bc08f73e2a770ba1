import { formatUsd } from '../core/pricing/money';
import type { ModelPrice } from '../core/pricing/types';
import { alignColumns } from '../reports/usage-grid';
import type { SlashCommand } from './types';

/** A rate for display in USD per 1M tokens (`$2.50`), from integer micro-USD per 1M tokens. */
export function formatUsdPerMTok(microUsdPerMTok: bigint): string {
  return formatUsd(microUsdPerMTok * 1_000_000n);
}

/** A context window for display: `128k`, `1M`. */
function formatWindow(tokens: number): string {
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toFixed(1))}M`;
  return tokens >= 1000 ? `${Math.round(tokens / 1000)}k` : String(tokens);
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
    price.contextWindowTokens === null ? '-' : formatWindow(price.contextWindowTokens),
  ];
}

/** `/models [filter]`: known models with prices (USD per 1M tokens); `*` marks the current one. */
export const modelsCommand: SlashCommand = {
  name: 'models',
  aliases: [],
  args: '[filter]',
  summary: 'list models with prices per 1M tokens',
  run: (args, context) => {
    const filter = args.toLowerCase();
    const current = context.priceTable.resolve(context.session.model)?.id ?? context.session.model;
    const prices = context.priceTable
      .list()
      .filter((p) => filter === '' || p.id.includes(filter) || p.provider.includes(filter));
    if (prices.length === 0) {
      return { kind: 'notice', level: 'warn', text: `No model matches "${args}". Try /models.` };
    }
    const header = ['  model', 'provider', 'input', 'cached', 'output', 'context'];
    const rows = [header, ...prices.map((p) => row(p, current))];
    const { line } = alignColumns(rows, ['left', 'left', 'right', 'right', 'right', 'right']);
    const lines = rows.map(line);
    const footer =
      context.mode === 'mock'
        ? 'Prices in USD per 1M tokens. Mock mode simulates these models; /model <id> switches.'
        : 'Prices in USD per 1M tokens. /model <id> switches.';
    return { kind: 'text', text: [...lines, footer].join('\n') };
  },
};
