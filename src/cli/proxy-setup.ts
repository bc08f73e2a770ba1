import { version } from '../../package.json';
import { ledgerSpendSource } from '../core/budget/ledger-spend';
import { dayRange } from '../core/budget/periods';
import { UsageError } from '../core/errors';
import { type Ledger, openLedger } from '../core/ledger/ledger';
import { shownUrl } from '../proxy/shown-url';
import type { ProxySettings } from '../proxy/types';
import type { ProxyOptions } from './proxy';

/** Request bodies up to this size are read for the model and the budget check. */
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/** True for a host name or address that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The proxy's settings from its options.
 * @throws UsageError when the host is not loopback and no token is given (`--token` or
 * CHATMETER_PROXY_TOKEN).
 */
export function settingsOf(options: ProxyOptions, env: NodeJS.ProcessEnv): ProxySettings {
  const token = options.token ?? env.CHATMETER_PROXY_TOKEN?.trim() ?? null;
  if (!isLoopback(options.host) && !token) {
    throw new UsageError(
      `--host ${options.host} lets other machines use your API keys through this proxy; give --token <secret> (or set CHATMETER_PROXY_TOKEN), which every request must then carry.`,
    );
  }
  return {
    host: options.host,
    port: options.port,
    openaiUpstream: options.openaiUpstream,
    anthropicUpstream: options.anthropicUpstream,
    tag: options.tag,
    forceUsage: options.forceUsage === true,
    token: token || null,
    upstreamTimeoutMs: options.upstreamTimeout * 1000,
    maxRequestBytes: MAX_REQUEST_BYTES,
  };
}

/**
 * Today's real spend in the ledger, every process's (a second, reading connection); null when
 * the ledger cannot be opened, and a read that fails counts as nothing to show.
 */
export function openTodaySpend(
  file: string,
): { read: () => bigint | null; close: () => void } | null {
  let ledger: Ledger;
  try {
    ledger = openLedger(file, { chatmeterVersion: version });
  } catch {
    // The recording connection opened the same file a moment ago and warns about it itself.
    return null;
  }
  const source = ledgerSpendSource(ledger.db);
  const read = () => {
    try {
      return source.spentPicoUsd(dayRange(Date.now()), '');
    } catch {
      // A busy or damaged ledger: the call line leaves today's figure out; the recording
      // connection records the call (or tells its failure).
      return null;
    }
  };
  return { read, close: () => ledger.close() };
}

/** What the proxy prints when it starts: where it listens and how to point tools at it. */
export function banner(
  origin: string,
  settings: ProxySettings,
  sessionId: string,
  ledger: boolean,
): string {
  const prefix = settings.token && !isLoopback(settings.host) ? '/t/<token>' : '';
  return [
    `chatmeter proxy on ${origin} (session ${sessionId})`,
    `  OpenAI:    OPENAI_BASE_URL=${origin}${prefix}/v1  ->  ${shownUrl(settings.openaiUpstream)}`,
    `  Anthropic: ANTHROPIC_BASE_URL=${origin}${prefix}  ->  ${shownUrl(settings.anthropicUpstream)}`,
    `Each call is ${ledger ? 'recorded in the usage ledger' : 'metered in memory only'}. Ctrl+C stops the proxy and prints the summary.`,
    '',
  ].join('\n');
}
