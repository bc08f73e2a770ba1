import type { NormalizedUsage } from '../usage/normalize';
import type { CallBilling } from '../usage/types';
import { UnreadableResponseError } from './errors';
import { type ErrorContext, mapSdkError, type SdkErrorClasses } from './map-error';
import type { ProviderEvent } from './types';

/**
 * Runs one SDK call's event generator and turns it into a well-formed provider stream: notices
 * gathered by the retry-observing fetch are flushed before each event, anything thrown becomes
 * exactly one `error` event (mapped once), and nothing is thrown out of it.
 */
export async function* runSdkCall(
  events: AsyncGenerator<ProviderEvent>,
  pendingNotices: string[],
  sdk: SdkErrorClasses,
  context: ErrorContext,
  signal: AbortSignal,
): AsyncGenerator<ProviderEvent> {
  let midReply = false;
  try {
    for await (const event of events) {
      // Notices are rare (a retry); a generator per event for none cost a call a few µs.
      if (pendingNotices.length > 0) yield* noticesOf(pendingNotices);
      if (event.type === 'text' || event.type === 'usage') midReply = true;
      yield event;
    }
  } catch (error) {
    yield* noticesOf(pendingNotices);
    yield { type: 'error', error: mapSdkError(error, sdk, { ...context, midReply }, signal) };
    return;
  }
  yield* noticesOf(pendingNotices);
}

/** A `notice` event for each pending notice, in order, emptying the list. */
function* noticesOf(pending: string[]): Generator<ProviderEvent> {
  while (pending.length > 0) yield { type: 'notice', message: pending.shift()! };
}

/**
 * The error of a stream that ended before its terminal event: a cut connection when part of the
 * reply had arrived, else an answer that was no reply stream (`mapSdkError` tells them apart).
 */
export function cutStreamError(): UnreadableResponseError {
  return new UnreadableResponseError('the stream ended before the reply was complete', true);
}

/**
 * The usage event of a normalised usage, preceded by a notice per normaliser warning. The event
 * carries the provider's reported cost (from the usage) and `serviceTier` (from the response).
 */
export function* usageEvents(
  normalized: NormalizedUsage,
  serviceTier?: string | null,
): Generator<ProviderEvent> {
  for (const warning of normalized.warnings) {
    yield { type: 'notice', message: `Usage figures looked odd: ${warning}.` };
  }
  const billing: CallBilling = {
    ...(normalized.reportedCost ? { providerCostPicoUsd: normalized.reportedCost.picoUsd } : {}),
    ...(serviceTier ? { serviceTier } : {}),
  };
  yield {
    type: 'usage',
    usage: normalized.usage,
    ...(Object.keys(billing).length > 0 ? { billing } : {}),
  };
}

/** A display name for a provider at a base URL: its own name, or the host of another server. */
export function providerDisplayName(official: string, baseUrl: string | undefined): string {
  if (!baseUrl) return official;
  let host = '';
  try {
    host = new URL(baseUrl).host;
  } catch {
    // not a URL: named as given below
  }
  // A scheme-less `localhost:11434` parses with an empty host: name it as given.
  return `the server at ${host || baseUrl}`;
}

/**
 * Routes the retry notices of one long-lived SDK client to the calls in flight on it: each call
 * attaches its own notice list for its duration (a session runs one call at a time).
 */
export class RetryNoticeRouter {
  readonly #lists = new Set<string[]>();

  /** Starts collecting notices into `list`; returns the function that stops it. */
  attach(list: string[]): () => void {
    this.#lists.add(list);
    return () => {
      this.#lists.delete(list);
    };
  }

  /** Hands a notice to every attached call. */
  notify(message: string): void {
    for (const list of this.#lists) list.push(message);
  }
}
