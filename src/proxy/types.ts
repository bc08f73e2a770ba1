import type { PreflightGuard } from '../core/budget/preflight';
import type { Reservations } from './budget';
import type { TokenEstimator } from '../core/tokens/estimate';
import type { PriceTable } from '../core/pricing/types';
import type { CallRecord } from '../core/usage/types';

/** How the proxy is set up (`chatmeter proxy` options, validated). */
export interface ProxySettings {
  /** Interface to listen on (loopback unless the user chose another). */
  readonly host: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** OpenAI base URL, as the SDKs take it (ending in `/v1`). */
  readonly openaiUpstream: string;
  /** Anthropic base URL: the server root. */
  readonly anthropicUpstream: string;
  /** Overrides the tool told from `User-Agent` on every call. */
  readonly tag?: string;
  /** Ask streamed Chat Completions for usage, and hide that extra chunk from the client. */
  readonly forceUsage: boolean;
  /** Required on every request when set (`x-chatmeter-token` header or a `/t/<token>` prefix). */
  readonly token: string | null;
  /** Longest wait for the upstream's next byte, milliseconds. */
  readonly upstreamTimeoutMs: number;
  /** Request bodies up to this size are read (model, budget); larger ones pass through unread. */
  readonly maxRequestBytes: number;
}

/** What the proxy tells its terminal view. */
export type ProxyEvent =
  /** A metered call ended and was recorded (`status`: the upstream's HTTP status, if any). */
  | { readonly type: 'call'; readonly call: CallRecord; readonly status: number | null }
  /** A budget in block mode refused a call; nothing was sent upstream or recorded. */
  | { readonly type: 'blocked'; readonly tool: string; readonly model: string; readonly message: string }
  /** Something to show once (a budget warning, a ledger write that failed, unreadable usage). */
  | { readonly type: 'warning'; readonly message: string };

/** The services a proxy runs on; built by the CLI and injected. */
export interface ProxyServices {
  readonly sessionId: string;
  readonly priceTable: PriceTable;
  /** The tokenizer, loaded the first time an estimate is needed. */
  readonly estimator: () => Promise<TokenEstimator>;
  /** The budget's pre-flight check (block or warn); null without a budget. */
  readonly guard: PreflightGuard | null;
  /**
   * Where each admitted call holds its worst-case cost while in flight; the guard's spend must
   * count it. Without it, calls sent side by side are each checked against settled spend only.
   */
  readonly reservations?: Reservations;
  /** With a budget used up in block mode: why a call whose model cannot be read is refused. */
  readonly usedUp?: () => string | null;
  /** Receives each ended call (ledger first, then the session's trackers); may throw. */
  readonly record: (call: CallRecord) => void;
  readonly report: (event: ProxyEvent) => void;
  /** Epoch milliseconds (default `Date.now`). */
  readonly nowMs?: () => number;
}
