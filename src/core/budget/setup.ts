import { existsSync } from 'node:fs';
import type { TokenEstimator } from '../tokens/estimate';
import type { BudgetSettings } from '../config/settings';
import { type Ledger, openLedger } from '../ledger/ledger';
import { usdToPicoUsd } from '../pricing/money';
import type { PriceTable } from '../pricing/types';
import type { UsageListener, UsageSnapshot } from '../usage/tracker';
import { ledgerSpendSource } from './ledger-spend';
import type { HintContext } from './messages';
import { BudgetMonitor } from './monitor';
import { hasAnyLimit, limitsFromSettings } from './state';
import type { SessionMode } from '../usage/types';

/** What {@link setUpBudget} needs from the chat's services. */
export interface BudgetSetupOptions {
  readonly settings: BudgetSettings;
  /** `--budget <usd>` (a decimal string): this session's limit, over `budget.sessionUsd`. */
  readonly sessionBudgetUsd?: string;
  readonly sessionId: string;
  readonly mode: SessionMode;
  /** The session's tracker: its totals are this session's spend; each call re-evaluates. */
  readonly tracker: {
    snapshot(): UsageSnapshot;
    subscribe(listener: UsageListener): () => void;
  };
  readonly priceTable: PriceTable;
  /** The usage ledger, read for earlier spend today and this month when those limits are set. */
  readonly ledgerFile: string;
  readonly chatmeterVersion: string;
  readonly context: HintContext;
  /** The session's tokenizer; loaded here (a few ms) only when a limit is set. */
  readonly estimator: () => Promise<TokenEstimator>;
}

/** A monitor wired to the tracker, and what to release at the end. */
export interface BudgetSetup {
  readonly monitor: BudgetMonitor;
  /** Stops listening and closes the ledger connection opened for reading. */
  close(): void;
}

/**
 * Builds the session's budget monitor: limits from the settings (and `--budget`), this
 * session's spend from the tracker, earlier spend from the ledger (read only when a daily or
 * monthly limit is set and the file exists), re-evaluated after every recorded call.
 * @throws UsageError when an amount is not a USD decimal. A ledger that cannot be opened is not
 * an error: the monitor counts this session only and says so in its first update.
 */
export async function setUpBudget(options: BudgetSetupOptions): Promise<BudgetSetup> {
  const fromSettings = limitsFromSettings(options.settings);
  const limits =
    options.sessionBudgetUsd === undefined
      ? fromSettings
      : { ...fromSettings, session: usdToPicoUsd(options.sessionBudgetUsd) };
  let ledger: Ledger | null = null;
  let ledgerProblem: unknown = null;
  if ((limits.daily !== null || limits.monthly !== null) && existsSync(options.ledgerFile)) {
    try {
      ledger = openLedger(options.ledgerFile, { chatmeterVersion: options.chatmeterVersion });
    } catch (error) {
      ledgerProblem = error;
    }
  }
  let estimator: TokenEstimator | null = null;
  if (hasAnyLimit(limits) && options.mode === 'real') estimator = await options.estimator();
  const countTokens = (text: string): number => {
    if (estimator) return estimator.countTokens(text);
    // A limit set later with /budget: load the tokenizer for the next call and, meanwhile,
    // count one token per UTF-8 byte, which no tokenizer exceeds (a safe worst case).
    options.estimator().then(
      (loaded) => {
        estimator = loaded;
      },
      // A tokenizer that fails to load fails the next call, where the session reports it.
      () => undefined,
    );
    return Buffer.byteLength(text, 'utf8');
  };
  const monitor = new BudgetMonitor({
    sessionId: options.sessionId,
    limits,
    mode: options.mode,
    sessionSpentPicoUsd: () => options.tracker.snapshot().totals.costPicoUsd,
    ledger: ledger
      ? ledgerSpendSource(ledger.db)
      : ledgerProblem
        ? {
            spentPicoUsd: () => {
              throw ledgerProblem;
            },
          }
        : null,
    priceOf: (model) => options.priceTable.resolve(model),
    countTokens,
    context: options.context,
  });
  const stop = options.tracker.subscribe(() => monitor.update());
  return {
    monitor,
    close() {
      stop();
      ledger?.close();
    },
  };
}
