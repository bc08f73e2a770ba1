import type { BudgetMonitor } from '../core/budget/monitor';
import type { ScopeStatus } from '../core/budget/state';
import { UsageError } from '../core/errors';
import { formatUsd, usdToPicoUsd } from '../core/pricing/money';
import type { ModelPrice } from '../core/pricing/types';
import { alignColumns } from '../reports/text/grid';
import { formatUsdPerMTok } from './models';
import type { CommandContext, CommandResult, SlashCommand } from './types';

const SCOPE_NAMES = { session: 'session', daily: 'today', monthly: 'this month' } as const;

/** Whole tokens `remainingPicoUsd` buys at `ratePicoUsdPerToken` (rates are pico-USD per token). */
function tokensFor(remainingPicoUsd: bigint, ratePicoUsdPerToken: bigint): string {
  if (ratePicoUsdPerToken === 0n) return 'unlimited';
  return `~${(remainingPicoUsd / ratePicoUsdPerToken).toLocaleString('en-US')}`;
}

function table(scopes: readonly ScopeStatus[], price: ModelPrice | undefined): string {
  const header = ['budget', 'spent', 'limit', 'left', 'level', 'input tok', 'output tok'];
  const rows = scopes.map((s) => [
    SCOPE_NAMES[s.scope],
    formatUsd(s.spentPicoUsd),
    formatUsd(s.limitPicoUsd),
    formatUsd(s.remainingPicoUsd),
    s.level,
    price ? tokensFor(s.remainingPicoUsd, price.rates.input) : 'n/a',
    price ? tokensFor(s.remainingPicoUsd, price.rates.output) : 'n/a',
  ]);
  const all = [header, ...rows];
  const { line } = alignColumns(all, ['left', 'right', 'right', 'right', 'left', 'right', 'right']);
  return all.map(line).join('\n');
}

function show(budget: BudgetMonitor, context: CommandContext): CommandResult {
  const state = budget.state();
  const { id: model, price } = context.session.modelInfo;
  const spent = formatUsd(budget.spend().session);
  const mock =
    context.mode === 'mock'
      ? '\nMock session: nothing is spent; budgets count real spend only.'
      : '';
  if (state.scopes.length === 0) {
    return {
      kind: 'text',
      text: `No budget set (this session has spent ${spent}). Set one with /budget <usd>, --budget <usd>, or \`chatmeter config set budget.dailyUsd <usd>\`.${mock}`,
    };
  }
  const rates = price
    ? `Tokens left at ${model}'s rates (${formatUsdPerMTok(price.rates.input)} in / ${formatUsdPerMTok(price.rates.output)} out per 1M), each counted alone.`
    : `${model} has no price, so the tokens left cannot be told.`;
  const mode = `Over a limit: ${budget.limits.onExceed === 'block' ? 'calls are refused' : 'calls go through with a warning'} (budget.onExceed).`;
  return { kind: 'text', text: `${table(state.scopes, price)}\n${rates}\n${mode}${mock}` };
}

function set(budget: BudgetMonitor, args: string): CommandResult {
  const word = args.split(/\s+/)[0]!.replace(/^\$/, '');
  if (word === 'off' || word === 'none') {
    budget.setSessionLimit(null);
    return { kind: 'notice', level: 'info', text: 'Session budget removed.' };
  }
  if (!/^\d+(\.\d+)?$/.test(word)) {
    throw new UsageError(
      `/budget: expected an amount in USD such as 0.50, or "off" (got ${args}).`,
    );
  }
  const limit = usdToPicoUsd(word);
  const update = budget.setSessionLimit(limit);
  const session = update.state.scopes.find((s) => s.scope === 'session');
  const left = session ? `; ${formatUsd(session.remainingPicoUsd)} left of it` : '';
  return {
    kind: 'notice',
    level: session && session.level !== 'ok' ? 'warn' : 'info',
    text: `Session budget set to ${formatUsd(limit)}${left}.`,
  };
}

/**
 * `/budget [usd|off]`: without an amount shows each budget's spent, limit, what is left, its
 * level and roughly how many input or output tokens the rest buys at the current model's rates;
 * with an amount sets this session's budget (`off` removes it).
 */
export const budgetCommand: SlashCommand = {
  name: 'budget',
  aliases: [],
  args: '[usd|off]',
  summary: "show budgets and what is left, or set this session's budget",
  run: (args, context) => {
    const budget = context.budget;
    if (!budget) {
      return { kind: 'notice', level: 'warn', text: 'Budgets are not available in this session.' };
    }
    return args === '' ? show(budget, context) : set(budget, args);
  },
};
