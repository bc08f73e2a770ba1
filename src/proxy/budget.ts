import type { BudgetMonitor } from '../core/budget/monitor';
import { raiseHint, SCOPE_LABELS } from '../core/budget/messages';
import { formatUsd } from '../core/pricing/money';

/**
 * Money held for the calls in flight: each call the budget admits holds its worst case
 * (the pre-flight estimate, pico-USD) until it settles, so calls sent side by side cannot
 * together spend past a limit that each of them alone fits. The budget's spend must count
 * {@link Reservations.totalPicoUsd} (the proxy command adds it to the session's spend).
 */
export class Reservations {
  #totalPicoUsd = 0n;

  /** Pico-USD held by the calls in flight. */
  get totalPicoUsd(): bigint {
    return this.#totalPicoUsd;
  }

  /** Holds `picoUsd`; returns the release (a second call does nothing). */
  hold(picoUsd: bigint): () => void {
    this.#totalPicoUsd += picoUsd;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#totalPicoUsd -= picoUsd;
    };
  }
}

/**
 * Why a call whose model cannot be read (no model, malformed JSON, a body over the read limit)
 * is refused: in block mode once a scope's spend (calls in flight included) reaches its limit,
 * since its cost cannot be checked; null when such a call may go.
 */
export function usedUpMessage(monitor: Pick<BudgetMonitor, 'limits' | 'state'>): string | null {
  if (monitor.limits.onExceed !== 'block') return null;
  const over = monitor.state().scopes.find((status) => status.level === 'over');
  if (!over) return null;
  return `Budget: not sent. The ${SCOPE_LABELS[over.scope]} is used up (${formatUsd(over.spentPicoUsd)} spent or in flight of ${formatUsd(over.limitPicoUsd)}) and this request names no model the proxy can read to check it. Raise it with ${raiseHint(over.scope, 'proxy')}.`;
}
