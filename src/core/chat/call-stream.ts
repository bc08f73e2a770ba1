import { ProviderError } from '../providers/errors';
import type { ChatProvider, ProviderRequest } from '../providers/types';
import type { CallBilling, Usage } from '../usage/types';
import type { StreamResult } from './call-outcome';
import { mergeEstimate } from './call-outcome';
import type { TokenEstimator } from '../tokens/estimate';
import type { ChatEvent } from './types';

/** Least time between two estimated `progress` events while a reply streams, milliseconds. */
export const PROGRESS_INTERVAL_MS = 100;

/** Where time comes from (injected in tests). */
export interface Clock {
  /** Epoch milliseconds. */
  nowMs(): number;
}

/** What one provider call needs to be streamed as chat events. */
export interface CallStreamOptions {
  readonly provider: ChatProvider;
  readonly request: ProviderRequest;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** Loads the tokenizer; called only once an estimate is wanted (a few ms and a 3 MB table). */
  readonly estimator: () => Promise<TokenEstimator>;
  /** Builds a `progress` event (the session prices it, with the provider's billing when sent). */
  readonly progress: (usage: Usage, estimated: boolean, billing: CallBilling | null) => ChatEvent;
}

/** How the stream ended, plus a way to get the tokenizer for the estimates. */
export interface StreamedCall {
  readonly result: StreamResult;
  /** Whether the last figures shown in a `progress` event were the provider's own. */
  readonly exact: boolean;
  /** When the first piece of text arrived (epoch ms), for a reply streamed in several pieces. */
  readonly firstChunkAtMs: number | null;
  /** The model the provider said answered, when it said. */
  readonly responseModel: string | null;
  /** The tokenizer, loading it now if no progress event needed it yet. */
  readonly estimator: () => Promise<TokenEstimator>;
}

/**
 * Streams one provider call as chat events: `text` as it comes, `notice` for provider notices,
 * `progress` exact on each provider usage and estimated (throttled, from one interval after the
 * first text on) while text streams. Never throws: a thrown adapter error or an abort becomes
 * the result's error.
 */
export async function* streamCall(
  options: CallStreamOptions,
): AsyncGenerator<ChatEvent, StreamedCall> {
  const { provider, request, signal, clock } = options;
  let loading: Promise<TokenEstimator> | undefined;
  let estimator: TokenEstimator | undefined;
  const wantEstimator = () => {
    if (!loading) {
      loading = options.estimator();
      // Only this side branch ignores a failed load: whoever awaits `loading` still gets it.
      loading.then((loaded) => (estimator = loaded)).catch(() => undefined);
    }
    return loading;
  };
  let started = false;
  let reply = '';
  let reportedUsage: Usage | null = null;
  let billing: CallBilling | null = null;
  let error: ProviderError | null = null;
  let exact = false;
  let firstTextAtMs: number | null = null;
  let textPieces = 0;
  let responseModel: string | null = null;
  let stopReason: string | null = null;
  // The first estimate comes one interval after the first text: a reply that arrives in one
  // piece (a non-streamed call, however late) or quickly gets only the provider's figures and
  // never loads the tokenizer.
  let lastProgressMs: number | null = null;
  try {
    for await (const event of provider.stream(request, signal)) {
      switch (event.type) {
        case 'started':
          started = true;
          break;
        case 'text': {
          firstTextAtMs ??= clock.nowMs();
          textPieces += 1;
          reply += event.text;
          exact = false;
          yield event;
          const now = clock.nowMs();
          lastProgressMs ??= now;
          if (now - lastProgressMs < PROGRESS_INTERVAL_MS) break;
          wantEstimator();
          if (estimator) {
            lastProgressMs = now;
            const usage = mergeEstimate(reportedUsage, {
              promptTokens: estimator.countPromptTokens(request.system, request.messages),
              replyTokens: estimator.countTokens(reply),
            });
            yield options.progress(usage, true, billing);
          }
          break;
        }
        case 'usage':
          reportedUsage = event.usage;
          billing = event.billing ?? null;
          exact = true;
          yield options.progress(event.usage, false, billing);
          break;
        case 'notice':
          yield { type: 'notice', level: 'info', message: event.message };
          break;
        case 'model':
          responseModel = event.model;
          break;
        case 'done':
          stopReason = event.stopReason;
          break;
        case 'error':
          error = event.error;
          break;
        default: {
          const unknown: never = event;
          throw new Error(`unknown provider event ${JSON.stringify(unknown)}`);
        }
      }
    }
  } catch (thrown) {
    error =
      thrown instanceof ProviderError
        ? thrown
        : new ProviderError('server', `The ${provider.id} adapter failed: ${String(thrown)}`, {
            cause: thrown,
          });
  }
  if (!error && signal.aborted) error = new ProviderError('cancelled', 'Cancelled.');
  return {
    result: { started, reply, reportedUsage, billing, error, stopReason },
    exact,
    firstChunkAtMs: textPieces > 1 ? firstTextAtMs : null,
    responseModel,
    estimator: wantEstimator,
  };
}
