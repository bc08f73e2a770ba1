import { picoToUsdString } from '../../core/pricing/money';
import type { SessionSummary } from '../../core/usage/summary';
import type { CallCounts } from '../../core/usage/totals';
import type { ModelUsageSnapshot } from '../../core/usage/tracker';
import type { SessionMode, Usage } from '../../core/usage/types';
import type { CutKind } from '../../core/usage/stop-reason';
import { exactUsdOrNull } from '../text/format';
import { totalsJson, type TotalsJson } from '../totals-json';

/** One model of the session summary JSON (DESIGN §4). Money is exact decimal USD text. */
export interface SessionSummaryModelJson {
  readonly provider: string;
  readonly model: string;
  readonly calls: CallCounts;
  readonly usage: Usage;
  /** `null` when the model is unpriced. */
  readonly costUsd: string | null;
  readonly priced: boolean;
  readonly estimated: boolean;
  /** Mock mode only: what the calls would have cost on the simulated model (or null). */
  readonly simulatedCostUsd?: string | null;
  /** Replies cut short, counted by kind (`max_tokens`, `content_filter`...); `{}` when none. */
  readonly cutReplies: CutReplies;
}

/** Replies that stopped early, by kind (only the kinds that happened). */
export type CutReplies = Readonly<Partial<Record<CutKind, number>>>;

/** The session summary as JSON (DESIGN §4), plus `mode`, `durationMs` and mock's simulated cost. */
export interface SessionSummaryJson {
  readonly sessionId: string;
  readonly mode: SessionMode;
  /** ISO 8601. */
  readonly startedAt: string;
  /** ISO 8601. */
  readonly endedAt: string;
  readonly durationMs: number;
  readonly models: readonly SessionSummaryModelJson[];
  readonly totals: TotalsJson;
  readonly cacheSavingsUsd: string;
  /** What cache writes cost over the uncached input rate (the price of caching). */
  readonly cacheWritePremiumUsd: string;
  /** Savings less that premium: the difference from not caching at all. */
  readonly netCacheSavingsUsd: string;
  /** Replies cut short in the whole session, by kind (the table's `Cut short` note). */
  readonly cutReplies: CutReplies;
}

function modelJson(model: ModelUsageSnapshot, mock: boolean): SessionSummaryModelJson {
  return {
    provider: model.provider,
    model: model.model,
    calls: { ...model.calls },
    usage: { ...model.usage },
    costUsd: exactUsdOrNull(model.costPicoUsd),
    priced: model.priced,
    estimated: model.estimated,
    ...(mock ? { simulatedCostUsd: exactUsdOrNull(model.simulatedCostPicoUsd) } : {}),
    cutReplies: { ...model.cutReplies },
  };
}

/** The JSON object of a session summary (money as exact decimal strings, never floats). */
export function sessionSummaryJson(summary: SessionSummary): SessionSummaryJson {
  const { totals } = summary;
  const mock = summary.mode === 'mock';
  return {
    sessionId: summary.sessionId,
    mode: summary.mode,
    startedAt: new Date(summary.startedAtMs).toISOString(),
    endedAt: new Date(summary.endedAtMs).toISOString(),
    durationMs: summary.durationMs,
    models: summary.models.map((model) => modelJson(model, mock)),
    totals: totalsJson(totals, mock ? 'null-when-none' : 'omit'),
    cacheSavingsUsd: picoToUsdString(totals.cacheSavingsPicoUsd),
    cacheWritePremiumUsd: picoToUsdString(totals.cacheWritePremiumPicoUsd),
    netCacheSavingsUsd: picoToUsdString(
      totals.cacheSavingsPicoUsd - totals.cacheWritePremiumPicoUsd,
    ),
    cutReplies: { ...totals.cutReplies },
  };
}
