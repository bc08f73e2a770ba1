import type { NormalizedUsage } from '../usage/normalize';
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
  const flush = function* (): Generator<ProviderEvent> {
    while (pendingNotices.length > 0) yield { type: 'notice', message: pendingNotices.shift()! };
  };
  try {
    for await (const event of events) {
      yield* flush();
      yield event;
    }
    yield* flush();
  } catch (error) {
    yield* flush();
    yield { type: 'error', error: mapSdkError(error, sdk, context, signal) };
  }
}

/** The usage event of a normalised usage, preceded by a notice per normaliser warning. */
export function* usageEvents(normalized: NormalizedUsage): Generator<ProviderEvent> {
  for (const warning of normalized.warnings) {
    yield { type: 'notice', message: `Usage figures looked odd: ${warning}.` };
  }
  yield { type: 'usage', usage: normalized.usage };
}

/** A display name for a provider at a base URL: its own name, or the host of another server. */
export function providerDisplayName(official: string, baseUrl: string | undefined): string {
  if (!baseUrl) return official;
  try {
    return `the server at ${new URL(baseUrl).host}`;
  } catch {
    return `the server at ${baseUrl}`;
  }
}
