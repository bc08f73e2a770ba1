import { version } from '../../package.json';
import { ledgerSpendSource } from '../core/budget/ledger-spend';
import { dayRange } from '../core/budget/periods';
import { UsageError } from '../core/errors';
import { type Ledger, openLedger } from '../core/ledger/ledger';
import { errorMessage } from '../core/errors';
import { redactUrl } from '../core/redact';
import {
  type ProxyState,
  proxyStateFile,
  readProxyStates,
  removeProxyState,
  writeProxyState,
} from '../proxy/state-file';
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

/**
 * A one-line warning when `--openai-upstream` does not end in `/v1` (OpenAI base URLs do, and
 * the proxy appends `/chat/completions` to it), else null.
 */
export function upstreamWarning(settings: ProxySettings): string | null {
  let path: string;
  try {
    path = new URL(settings.openaiUpstream).pathname.replace(/\/+$/, '');
  } catch {
    return null;
  }
  if (path.endsWith('/v1')) return null;
  return `--openai-upstream ${redactUrl(settings.openaiUpstream)} does not end in /v1; OpenAI calls go to ${redactUrl(settings.openaiUpstream).replace(/\/+$/, '')}/chat/completions. Add /v1 unless your gateway serves that path.`;
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
    `  OpenAI:    OPENAI_BASE_URL=${origin}${prefix}/v1  ->  ${redactUrl(settings.openaiUpstream)}`,
    `  Anthropic: ANTHROPIC_BASE_URL=${origin}${prefix}  ->  ${redactUrl(settings.anthropicUpstream)}`,
    `Each call is ${ledger ? 'recorded in the usage ledger' : 'metered in memory only'}. Ctrl+C stops the proxy and prints the summary.`,
    '',
  ].join('\n');
}

/**
 * Keeps this proxy's state file for `chatmeter status`: written at start (the files of ended
 * proxies are dropped then), rewritten after each call when `unrecorded` gives figures the
 * ledger does not have, removed at the end. A file that cannot be written is one warning
 * (`warn`), then no more tries; the proxy runs on.
 */
export function keepProxyState(
  dataDir: string,
  state: Omit<ProxyState, 'unrecorded'>,
  unrecorded: (() => NonNullable<ProxyState['unrecorded']>) | null,
  warn: (message: string) => void,
): { update(): void; remove(): void } {
  let writable = true;
  const write = () => {
    if (!writable) return;
    try {
      writeProxyState(dataDir, { ...state, unrecorded: unrecorded?.() ?? null });
    } catch (error) {
      writable = false;
      warn(
        `cannot write ${proxyStateFile(dataDir, state.pid)} (${errorMessage(error)}); \`chatmeter status\` will not show this proxy. Check the folder or set CHATMETER_HOME.`,
      );
    }
  };
  readProxyStates(dataDir, { dropEnded: true });
  write();
  return {
    update: () => {
      if (unrecorded) write();
    },
    remove: () => {
      if (!writable) return;
      try {
        removeProxyState(dataDir, state.pid);
      } catch {
        // Left behind: `chatmeter status` skips ended proxies and the next proxy drops it.
      }
    },
  };
}
