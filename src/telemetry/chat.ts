/**
 * Live telemetry as a chat's services use it: built only when telemetry is on, and
 * loaded then with a dynamic import, so a chat without it never loads OpenTelemetry.
 */
import { errorMessage } from '../core/errors';
import { openLedger } from '../core/ledger/ledger';
import { markExported } from '../core/ledger/otlp-exports';
import type { CallSink, SessionMode } from '../core/usage/types';
import type { BudgetUpdate } from '../core/budget/monitor';
import { providerEndpoint } from './attributes';
import { FLUSH_BOUND_MS, startLiveTelemetry } from './live';
import { otlpSettingsFromEnv } from './otlp-env';

/** What the chat's services tell telemetry. */
export interface ChatTelemetryOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly chatmeterVersion: string;
  readonly sessionId: string;
  readonly mode: SessionMode;
  /** The base URL calls of a provider go to (undefined: the provider's own API). */
  readonly baseUrlOf: (provider: string) => string | undefined;
  /** The usage ledger file, where exported calls are remembered; null with `--no-ledger`. */
  readonly ledgerFile: string | null;
}

/** A start-up line about telemetry (the chat shows it before the first prompt). */
export interface TelemetryNotice {
  readonly level: 'info' | 'warn';
  readonly text: string;
}

/** Telemetry of one chat, wired into its services. */
export interface ChatTelemetry {
  /** Goes after the ledger in the session's sinks. */
  readonly sink: CallSink;
  readonly onBudget: (update: BudgetUpdate) => void;
  /** Start-up lines: problems in the OTEL_* variables, mock calls not exported. */
  readonly notices: readonly TelemetryNotice[];
  /**
   * Flushes (within 2 s), remembers the exported calls in the ledger, and returns the one
   * warning to show (`chatmeter: warning: ...`), or null. Never throws.
   */
  close(): Promise<string | null>;
}

/**
 * Starts telemetry for a chat session. A mock session exports nothing at all (no calls, no
 * session count, no connection): it only says so at start.
 */
export function startChatTelemetry(options: ChatTelemetryOptions): ChatTelemetry {
  const settings = otlpSettingsFromEnv(options.env);
  const notices: TelemetryNotice[] = settings.problems.map((problem) => ({
    level: 'warn',
    text: `telemetry: ${problem}`,
  }));
  if (options.mode === 'mock') {
    notices.push({ level: 'info', text: 'Telemetry is on; mock calls are not exported.' });
    return {
      sink: { name: 'telemetry', record: () => undefined },
      onBudget: () => undefined,
      notices,
      close: async () => null,
    };
  }
  const live = startLiveTelemetry({
    settings,
    chatmeterVersion: options.chatmeterVersion,
    sessionId: options.sessionId,
    endpointOf: (provider) => providerEndpoint(provider, options.baseUrlOf(provider)),
    ledgerBacked: options.ledgerFile !== null,
  });
  return {
    sink: live.sink,
    onBudget: live.onBudget,
    notices,
    async close() {
      const { warning, exportedCallIds } = await live.close(FLUSH_BOUND_MS);
      if (options.ledgerFile === null || exportedCallIds.length === 0) return warning;
      try {
        const ledger = openLedger(options.ledgerFile, {
          chatmeterVersion: options.chatmeterVersion,
        });
        try {
          markExported(ledger.db, exportedCallIds, Date.now());
        } finally {
          ledger.close();
        }
        return warning;
      } catch (error) {
        return (
          warning ??
          `telemetry: the calls were sent, but the ledger could not remember it (${errorMessage(error)}); \`chatmeter usage export --otlp\` would send them again.`
        );
      }
    },
  };
}
