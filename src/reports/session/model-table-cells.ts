import { nothingPriced } from '../../core/usage/totals';
import { cacheWriteTokensOf } from '../../core/pricing/cost';
import type { CallCounts } from '../../core/usage/totals';
import type { ModelUsageSnapshot, UsageSnapshot } from '../../core/usage/tracker';
import { simulatesUnpricedModel, type Usage } from '../../core/usage/types';
import { formatCost, formatCount, formatTokens, markEstimated } from '../text/format';
import { sanitizeTerminalLine } from '../../core/terminal-text';

/** Column keys of the per-model usage table, in display order. */
export const USAGE_COLUMNS = [
  'provider',
  'model',
  'calls',
  'failed',
  'aborted',
  'input',
  'cacheRead',
  'cacheWrite',
  'output',
  'cost',
] as const;

/** One column key of the usage table. */
export type UsageColumn = (typeof USAGE_COLUMNS)[number];

/**
 * Header text of each column. `uncached` is the input neither read from nor written to a cache
 * (the status bar's and usage line's `in` count every prompt token: uncached + cache read + cache
 * write). `calls` counts the calls that ended well; it is headed `ok` when the
 * `failed` and `aborted` columns are shown beside it (see `usageTableCells`).
 */
export const USAGE_HEADERS: Readonly<Record<UsageColumn, string>> = {
  provider: 'provider',
  model: 'model',
  calls: 'calls',
  failed: 'failed',
  aborted: 'aborted',
  input: 'uncached',
  cacheRead: 'cache read',
  cacheWrite: 'cache write',
  output: 'output (reasoning)',
  cost: 'cost',
};

/** Which columns are text (left-aligned); the rest are figures (right-aligned). */
export const TEXT_COLUMNS: ReadonlySet<UsageColumn> = new Set(['provider', 'model']);

/** One table row as display text, plus what the renderers colour. */
export interface UsageRowCells {
  readonly cells: Readonly<Record<UsageColumn, string>>;
  /** The cost cell says `unpriced` (or is partial): renderers highlight it. */
  readonly unpriced: boolean;
}

interface Figures {
  readonly calls: CallCounts;
  readonly usage: Usage;
  /** The part of `usage` from estimated calls: a non-zero bucket is marked `~`. */
  readonly estimatedUsage: Usage;
}

function figureCells(figures: Figures) {
  const { calls, usage, estimatedUsage: est } = figures;
  const tokens = (value: number, estimatedPart: number) =>
    markEstimated(formatTokens(value), estimatedPart > 0);
  const reasoning =
    usage.reasoningTokens > 0 ? ` (${tokens(usage.reasoningTokens, est.reasoningTokens)})` : '';
  return {
    calls: formatCount(calls.ok),
    failed: formatCount(calls.failed),
    aborted: formatCount(calls.aborted),
    input: tokens(usage.inputTokens, est.inputTokens),
    cacheRead: tokens(usage.cacheReadTokens, est.cacheReadTokens),
    cacheWrite: tokens(
      cacheWriteTokensOf(usage),
      cacheWriteTokensOf(est),
    ),
    output: tokens(usage.outputTokens, est.outputTokens) + reasoning,
  };
}

interface CostFigures {
  readonly costPicoUsd: bigint | null;
  readonly simulatedCostPicoUsd: bigint | null;
  readonly unpricedCalls: number;
  readonly estimated: boolean;
  /**
   * Mock calls with no simulated cost: `plain` for the `mock` model itself, `unpriced` when the
   * mock simulated a model without a price. Absent for real calls.
   */
  readonly mock?: 'plain' | 'unpriced';
  /** Some mock calls simulated a model without a price: the simulated cost is a lower bound. */
  readonly simulationPartial?: boolean;
}

/**
 * The cost cell: real cost, `sim $x` for a mock call's simulated cost (`sim ≥$x` when some
 * simulated model had no price), `$0 (mock)` for the plain mock model, `$0 (mock, unpriced)` for
 * a simulated model without a price, `unpriced`, `≥$x`.
 */
export function costCell(figures: CostFigures): string {
  const { costPicoUsd, simulatedCostPicoUsd, estimated } = figures;
  if (simulatedCostPicoUsd !== null && (costPicoUsd === null || costPicoUsd === 0n)) {
    const partial = figures.simulationPartial;
    return `sim ${formatCost(simulatedCostPicoUsd, { estimated, partial })}`;
  }
  if (figures.mock !== undefined) {
    return figures.mock === 'plain' ? '$0 (mock)' : '$0 (mock, unpriced)';
  }
  const partial = costPicoUsd !== null && figures.unpricedCalls > 0;
  return formatCost(costPicoUsd, { estimated, partial });
}

/** A mock model row that has no simulated cost: the plain mock model, or an unpriced simulation. */
function mockKind(model: ModelUsageSnapshot): 'plain' | 'unpriced' | undefined {
  if (model.provider !== 'mock' || model.simulatedCostPicoUsd !== null) return undefined;
  return simulatesUnpricedModel(model) ? 'unpriced' : 'plain';
}

function modelRow(model: ModelUsageSnapshot): UsageRowCells {
  const mock = mockKind(model);
  return {
    cells: {
      provider: sanitizeTerminalLine(model.provider),
      model: sanitizeTerminalLine(model.model),
      ...figureCells(model),
      cost: costCell({ ...model, estimated: model.costEstimated, mock }),
    },
    unpriced: !model.priced || mock === 'unpriced',
  };
}

function totalRow(snapshot: UsageSnapshot): UsageRowCells {
  const { totals, models } = snapshot;
  const mockKinds = models.map(mockKind);
  const unpricedSimulation = mockKinds.includes('unpriced');
  const allMock = models.length > 0 && models.every((model) => model.provider === 'mock');
  return {
    cells: {
      provider: 'total',
      model: '',
      ...figureCells(totals),
      cost: costCell({
        costPicoUsd: nothingPriced(totals) ? null : totals.costPicoUsd,
        simulatedCostPicoUsd: totals.simulatedCostPicoUsd,
        unpricedCalls: totals.unpricedCalls,
        estimated: totals.costEstimated,
        mock: allMock ? (unpricedSimulation ? 'unpriced' : 'plain') : undefined,
        simulationPartial: unpricedSimulation,
      }),
    },
    unpriced: totals.unpricedCalls > 0 || unpricedSimulation,
  };
}

/** The usage table as display text (see `usageTableCells`). */
export interface UsageTableCells {
  /** The columns shown, in display order. */
  readonly columns: readonly UsageColumn[];
  /** Header text of each column. */
  readonly headers: Readonly<Record<UsageColumn, string>>;
  /** One row per (provider, model), in the order each was first used. */
  readonly rows: readonly UsageRowCells[];
  readonly total: UsageRowCells;
}

/**
 * The usage table as display text: its columns with their headers, one row per (provider, model)
 * and a totals row. The `failed` and `aborted` columns appear only when some call failed or was
 * aborted; the ok calls are then headed `ok`, so a model that only failed reads `ok 0 failed 1`.
 */
export function usageTableCells(snapshot: UsageSnapshot): UsageTableCells {
  const { failed, aborted } = snapshot.totals.calls;
  const columns = USAGE_COLUMNS.filter(
    (column) => (column !== 'failed' || failed > 0) && (column !== 'aborted' || aborted > 0),
  );
  const headers = failed > 0 || aborted > 0 ? { ...USAGE_HEADERS, calls: 'ok' } : USAGE_HEADERS;
  return { columns, headers, rows: snapshot.models.map(modelRow), total: totalRow(snapshot) };
}
