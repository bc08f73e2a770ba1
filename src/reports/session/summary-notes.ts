import { callCount } from '../../core/usage/totals';
import { promptTokensOf } from '../../core/pricing/cost';
import { inferProvider } from '../../core/model-id';
import type { UsageSnapshot } from '../../core/usage/tracker';
import { listPriceDiffers } from '../../core/usage/provider-cost';
import { type CutKind, cutLabel } from '../../core/usage/stop-reason';
import { simulatesUnpricedModel } from '../../core/usage/types';
import { differencePercent } from '../prices/provider-cost';
import { cacheWriteSentence, countOf, ESTIMATED_MARK, formatCost, formatPercent } from '../text/format';
import { picoToUsdString } from '../../core/pricing/money';
import { sanitizeTerminalLine } from '../../core/terminal-text';

/** A note under the summary table; `warn` notes are highlighted. */
export interface SummaryNote {
  readonly level: 'info' | 'warn';
  readonly text: string;
  /** A command to type, shown after `text` (as code in Markdown). */
  readonly command?: string;
}

/** The note as one line of plain text, controls shown visibly. */
export function noteLine(note: SummaryNote): string {
  return sanitizeTerminalLine(
    note.command === undefined ? note.text : `${note.text} ${note.command}`,
  );
}

function cacheNote(snapshot: UsageSnapshot): SummaryNote | null {
  const { usage, cacheSavingsPicoUsd, cacheWritePremiumPicoUsd } = snapshot.totals;
  const writes = cacheWritePremiumPicoUsd !== 0n;
  if (usage.cacheReadTokens === 0 && cacheSavingsPicoUsd === 0n && !writes) return null;
  const share = formatPercent(usage.cacheReadTokens, promptTokensOf(usage));
  const simulated = snapshot.mode === 'mock' ? 'simulated; ' : '';
  // With writes the three figures are exact, so the net can be checked against the other two.
  const saved = writes ? `$${picoToUsdString(cacheSavingsPicoUsd)}` : formatCost(cacheSavingsPicoUsd);
  const net = writes ? `; ${cacheWriteSentence(cacheSavingsPicoUsd, cacheWritePremiumPicoUsd)}` : '';
  return {
    level: 'info',
    text: `Cache saved ${saved} (${simulated}${share} of prompt tokens read from cache)${net}`,
  };
}

/**
 * The one-line hint for unpriced models, real or simulated by the mock: which ones, and how to
 * add a price (a pricing file, or the config key `pricing`, USD per 1M tokens).
 */
function unpricedNote(snapshot: UsageSnapshot): SummaryNote | null {
  const unpriced = snapshot.models.filter((model) => !model.priced || simulatesUnpricedModel(model));
  const first = unpriced[0];
  if (first === undefined) return null;
  const names = unpriced.map((model) => model.model).join(', ');
  // A price belongs to the real provider, also when the mock only simulated the model.
  const provider =
    first.provider === 'mock' ? (inferProvider(first.model) ?? 'openai') : first.provider;
  const example = JSON.stringify({
    models: { [first.model]: { provider, input: 0, output: 0 } },
  }).replace(/"input":0,"output":0/, '"input":USD_PER_1M,"output":USD_PER_1M');
  const what = snapshot.mode === 'mock' ? 'no simulated cost' : 'no cost';
  return {
    level: 'warn',
    text: `Unpriced: ${names} (tokens counted, ${what}). Add a price: --pricing FILE, or`,
    command: `chatmeter config set pricing '${example.replaceAll("'", "'\\''")}'`,
  };
}

/**
 * Which calls were costed at the provider's own figure, and how that compares with the list
 * price where we have one (a `warn` when the two differ by more than 1%).
 */
function providerCostNote(snapshot: UsageSnapshot): SummaryNote | null {
  const provider = snapshot.totals.providerCost;
  if (provider.calls === 0) return null;
  const calls = callCount(snapshot.totals);
  const which =
    provider.calls === calls
      ? `All ${countOf(calls, 'call')}`
      : `${provider.calls} of ${countOf(calls, 'call')}`;
  const text = `${which} at the cost the provider reported (${formatCost(provider.costPicoUsd)})`;
  if (provider.listedCalls === 0) return { level: 'info', text: `${text}; no list price for them` };
  const list = provider.listCostPicoUsd;
  const figures = { listCostPicoUsd: list, providerCostPicoUsd: provider.listedCostPicoUsd };
  if (!listPriceDiffers(figures)) {
    return { level: 'info', text: `${text}, within 1% of the list price` };
  }
  const them = provider.listedCalls === provider.calls ? 'them' : `the ${provider.listedCalls} we price`;
  const gap = list === 0n ? '' : `, ${differencePercent(list, provider.listedCostPicoUsd)}`;
  return { level: 'warn', text: `${text}; the list price for ${them} is ${formatCost(list)}${gap}` };
}

function estimatedNote(snapshot: UsageSnapshot): SummaryNote | null {
  const estimated = snapshot.totals.estimatedCalls;
  if (estimated === 0) return null;
  const calls = callCount(snapshot.totals);
  const of = `${estimated} of ${countOf(calls, 'call')}`;
  return {
    level: 'info',
    text: `${ESTIMATED_MARK} estimated: ${of} counted with a tokenizer (no usage from the provider, or cut short)`,
  };
}

/** Replies that stopped early, by kind, with what to do about an output limit. */
function cutNote(snapshot: UsageSnapshot): SummaryNote | null {
  const kinds = Object.entries(snapshot.totals.cutReplies) as [CutKind, number][];
  const cut = kinds.reduce((sum, [, count]) => sum + count, 0);
  if (cut === 0) return null;
  const which = kinds.map(([kind, count]) => `${cutLabel(kind)} ${count}`).join(', ');
  const hint = snapshot.totals.cutReplies.max_tokens ? '; raise --max-tokens for longer replies' : '';
  const of = `${cut} of ${countOf(callCount(snapshot.totals), 'call')}`;
  return { level: 'warn', text: `Cut short: ${of} stopped early (${which})${hint}` };
}

function mockNote(snapshot: UsageSnapshot): SummaryNote | null {
  if (snapshot.mode !== 'mock') return null;
  const simulated = snapshot.totals.simulatedCostPicoUsd;
  const estimated = snapshot.totals.costEstimated;
  const partial = snapshot.models.some(simulatesUnpricedModel);
  return {
    level: 'info',
    text:
      simulated === null
        ? 'Mock session: no real cost.'
        : `Mock session: no real cost; simulated cost ${formatCost(simulated, { estimated, partial })}`,
  };
}

/**
 * The notes under a session's usage table, in order: cache savings, unpriced models (with how to
 * add a price), costs the provider reported (against list price), estimated figures, mock mode. Empty when there is nothing to say.
 */
export function summaryNotes(snapshot: UsageSnapshot): SummaryNote[] {
  return [
    cacheNote(snapshot),
    unpricedNote(snapshot),
    providerCostNote(snapshot),
    estimatedNote(snapshot),
    cutNote(snapshot),
    mockNote(snapshot),
  ].filter((note): note is SummaryNote => note !== null);
}
