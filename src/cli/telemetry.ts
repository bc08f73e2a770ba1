/**
 * Wires live OTLP telemetry into a chat's services. Imported by `services.ts` only
 * when telemetry is on, so a chat without it never loads this or OpenTelemetry.
 */
import { version } from '../../package.json';
import type { CallSink, SessionMode } from '../core/usage/types';
import type { BudgetUpdate } from '../core/budget/monitor';
import { baseUrlOfEnv } from '../telemetry/attributes';
import { startChatTelemetry } from '../telemetry/chat';
import type { Io } from './io';
import type { ChatOptions } from './options';
import type { StartupNotice } from './startup-notice';

/** What `buildChatServices` knows that telemetry needs. */
export interface WireTelemetryOptions {
  /** The flags with the config's defaults filled in. */
  readonly options: ChatOptions;
  /** The environment with the config's base URLs filled in. */
  readonly env: NodeJS.ProcessEnv;
  readonly io: Io;
  readonly sessionId: string;
  readonly mode: SessionMode;
  /** The provider chosen at start, which `--base-url` applies to (undefined in mock mode). */
  readonly baseUrlProvider: 'openai' | 'anthropic' | undefined;
  readonly ledgerFile: string;
}

/** The parts `buildChatServices` plugs in: a sink, a budget listener, notices and a closer. */
export interface WiredTelemetry {
  readonly sink: CallSink;
  readonly onBudget: (update: BudgetUpdate) => void;
  readonly notices: readonly StartupNotice[];
  /** Flushes within 2 s and writes its one warning, if any, to stderr. */
  close(): Promise<void>;
}

/** Starts telemetry for the chat; `--base-url` applies to the provider chosen at start. */
export function wireTelemetry(wiring: WireTelemetryOptions): WiredTelemetry {
  const { options, env, io } = wiring;
  const telemetry = startChatTelemetry({
    env,
    chatmeterVersion: version,
    sessionId: wiring.sessionId,
    mode: wiring.mode,
    baseUrlOf(provider) {
      if (options.baseUrl && provider === wiring.baseUrlProvider) return options.baseUrl;
      return baseUrlOfEnv(env, provider);
    },
    ledgerFile: options.ledger ? wiring.ledgerFile : null,
  });
  return {
    sink: telemetry.sink,
    onBudget: telemetry.onBudget,
    notices: telemetry.notices,
    async close() {
      const warning = await telemetry.close();
      if (warning) io.stderr.write(`chatmeter: warning: ${warning}\n`);
    },
  };
}
