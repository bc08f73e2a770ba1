import type { BudgetMonitor } from '../core/budget/monitor';
import { budgetBadge } from '../core/budget/messages';
import { callCount } from '../core/usage/totals';
import { cacheWriteTokensOf } from '../core/pricing/cost';
import { SessionUsageTracker } from '../core/usage/tracker';
import type { CallRecord } from '../core/usage/types';
import type { ProxyEvent } from '../proxy/types';
import { countOf, formatCost, formatTokens } from '../reports/text/format';
import { paint } from '../reports/text/paint';
import { renderTextTable } from '../reports/text/grid';
import { formatUsageLine } from '../ui/format';
import type { OutputStream } from './io';

/** Why a call failed without an HTTP status, as its line says it. */
const FAILURE_REASONS: Readonly<Record<string, string>> = {
  timeout: 'timeout',
  network: 'unreachable',
};

/** `HH:MM:SS` of an instant in local time. */
function clockTime(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

/**
 * The proxy's terminal: one line per call (time, tool, the chat's usage line, the session's
 * running total and budget), a line per refusal, warnings on stderr; and the per-tool figures
 * for the summary when it stops.
 */
export class ProxyView {
  readonly #out: OutputStream;
  readonly #err: OutputStream;
  readonly #color: boolean;
  readonly #session: SessionUsageTracker;
  readonly #tools = new Map<string, SessionUsageTracker>();
  #budget: BudgetMonitor | null = null;
  #today: (() => bigint | null) | null = null;

  constructor(out: OutputStream, err: OutputStream, color: boolean, session: SessionUsageTracker) {
    this.#out = out;
    this.#err = err;
    this.#color = color;
    this.#session = session;
  }

  /** Shows the budget's state on each call line once a monitor is set. */
  set budget(monitor: BudgetMonitor) {
    this.#budget = monitor;
  }

  /** Shows today's real spend (every process's, from the ledger) on each call line. */
  set todaySpent(read: () => bigint | null) {
    this.#today = read;
  }

  /** Adds a call to its tool's figures (a call sink, after the ledger and the session tracker). */
  record(call: CallRecord): void {
    const tool = call.tool ?? 'unknown';
    let tracker = this.#tools.get(tool);
    if (!tracker) {
      tracker = new SessionUsageTracker({ sessionId: tool, startedAtMs: call.endedAtMs, mode: 'real' });
      this.#tools.set(tool, tracker);
    }
    tracker.record(call);
  }

  /** Prints one proxy event. */
  show(event: ProxyEvent): void {
    const p = paint(this.#color);
    switch (event.type) {
      case 'call': {
        const { call, status } = event;
        const failed =
          status !== null && status >= 400
            ? ` (HTTP ${status})`
            : call.outcome === 'failed' && call.errorKind !== null
              ? ` (${FAILURE_REASONS[call.errorKind] ?? call.errorKind})`
              : '';
        const totals = this.#session.snapshot().totals;
        const badge = this.#budget?.active ? budgetBadge(this.#budget.state()) : null;
        const today = this.#today?.() ?? null;
        const running = [
          `session ${formatCost(totals.costPicoUsd, { estimated: totals.costEstimated })} (${countOf(callCount(totals), 'call')})`,
          ...(today === null ? [] : [`today ${formatCost(today)}`]),
          ...(badge ? [badge.text] : []),
        ].join(' · ');
        this.#out.write(
          `${p.dim(clockTime(call.endedAtMs))} ${p.bold(call.tool ?? 'unknown')} ${formatUsageLine(call, false)}${failed} ${p.dim(`· ${running}`)}\n`,
        );
        return;
      }
      case 'blocked':
        this.#out.write(`${p.dim(clockTime(Date.now()))} ${p.bold(event.tool)} ${event.model} ${p.yellow(`refused: ${event.message}`)}\n`);
        return;
      case 'warning':
        this.#err.write(`chatmeter: warning: ${event.message}\n`);
        return;
      default: {
        const unknown: never = event;
        throw new Error(`unknown proxy event ${String(unknown)}`);
      }
    }
  }

  /** The per-tool table of the summary: calls, the token buckets and cost of each tool. */
  toolTable(): string {
    const rows = [...this.#tools].map(([tool, tracker]) => {
      const { totals } = tracker.snapshot();
      const partial = totals.unpricedCalls > 0;
      return [
        tool,
        String(callCount(totals)),
        formatTokens(totals.usage.inputTokens),
        formatTokens(totals.usage.cacheReadTokens),
        formatTokens(cacheWriteTokensOf(totals.usage)),
        formatTokens(totals.usage.outputTokens),
        formatCost(totals.costPicoUsd, { estimated: totals.costEstimated, partial }),
      ];
    });
    if (rows.length === 0) return '';
    return renderTextTable({
      headers: ['tool', 'calls', 'uncached', 'cache read', 'cache write', 'output', 'cost'],
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      rows,
    });
  }
}
