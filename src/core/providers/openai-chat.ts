import type OpenAI from 'openai';
import { normalizeChatCompletionsUsage } from '../usage/normalize';
import { cutStreamError, usageEvents } from './adapter-run';
import type { ErrorContext } from './map-error';
import type { ProviderEvent, ProviderRequest } from './types';
import { UnreadableResponseError } from './errors';

/** One OpenAI call: the client, what to send, and how. */
export interface OpenAiCall {
  readonly client: OpenAI;
  readonly request: ProviderRequest;
  readonly signal: AbortSignal;
  readonly stream: boolean;
  readonly context: ErrorContext;
  /** Whether the server takes `prompt_cache_key` (see OpenAiProviderOptions). */
  readonly cacheKey: boolean;
}

/** OpenAI's processing tiers a request may ask for (`service_tier`). */
type RequestServiceTier = 'auto' | 'default' | 'flex' | 'priority';

/**
 * The `prompt_cache_key` request field (the conversation's id, so its turns land on the same
 * cache) when the request asks for caching and the server takes the field.
 */
export function promptCacheKeyParam(
  request: ProviderRequest,
  serverTakesKey: boolean,
): { prompt_cache_key?: string } {
  return request.cache && serverTakesKey ? { prompt_cache_key: request.cache.key } : {};
}

/** The `service_tier` request field when the request asks for a tier, else nothing. */
export function serviceTierParam(request: ProviderRequest): { service_tier?: RequestServiceTier } {
  return request.serviceTier ? { service_tier: request.serviceTier as RequestServiceTier } : {};
}

/**
 * Chat Completions events. Streaming asks for `stream_options.include_usage` (usage arrives in a
 * last chunk with no choices); a stream that ends with neither a finish reason nor usage was cut.
 * `legacyMaxTokens` sends `max_tokens` (OpenAI-compatible servers) instead of
 * `max_completion_tokens`. The response's `service_tier` (any chunk's, streamed) rides on the
 * usage event. Throws the SDK's errors (mapped by the caller).
 */
export async function* openAiChatEvents(
  call: OpenAiCall & { readonly legacyMaxTokens: boolean },
): AsyncGenerator<ProviderEvent> {
  const { client, request, signal } = call;
  const messages = [
    ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
    ...request.messages.map((m) => ({ role: m.role, content: m.content })),
  ];
  const limit =
    request.maxTokens === undefined
      ? {}
      : call.legacyMaxTokens
        ? { max_tokens: request.maxTokens }
        : { max_completion_tokens: request.maxTokens };
  const params = {
    model: request.model,
    messages,
    ...limit,
    ...serviceTierParam(request),
    ...promptCacheKeyParam(request, call.cacheKey),
  };
  if (!call.stream) {
    // Started once the answer is here, as a stream is once its headers are (see anthropic.ts).
    const completion = await client.chat.completions.create(params, { signal });
    if (!Array.isArray(completion.choices)) {
      throw new UnreadableResponseError('no choices in the answer (is it a Chat Completions API?)');
    }
    yield { type: 'started' };
    if (completion.model) yield { type: 'model', model: completion.model };
    const choice = completion.choices[0];
    // A refusal comes in its own field, with no content: shown as the reply, and said as the stop.
    const refusal = choice?.message?.refusal ?? '';
    const text = choice?.message?.content || refusal;
    if (text.length > 0) yield { type: 'text', text };
    if (completion.usage) {
      yield* usageEvents(normalizeChatCompletionsUsage(completion.usage), completion.service_tier);
    }
    yield { type: 'done', stopReason: refusal ? 'refusal' : (choice?.finish_reason ?? null) };
    return;
  }
  const chunks = await client.chat.completions.create(
    { ...params, stream: true, stream_options: { include_usage: true } },
    { signal },
  );
  yield { type: 'started' };
  let stopReason: string | null = null;
  let finished = false;
  let serviceTier: string | null = null;
  let modelTold = false;
  let refused = false;
  for await (const chunk of chunks) {
    serviceTier = chunk.service_tier ?? serviceTier;
    if (!modelTold && chunk.model) {
      modelTold = true;
      yield { type: 'model', model: chunk.model };
    }
    const choice = chunk.choices[0];
    const text = choice?.delta?.content;
    if (text) yield { type: 'text', text };
    const refusal = choice?.delta?.refusal;
    if (refusal) {
      refused = true;
      yield { type: 'text', text: refusal };
    }
    if (choice?.finish_reason) {
      stopReason = choice.finish_reason;
      finished = true;
    }
    if (chunk.usage) {
      yield* usageEvents(normalizeChatCompletionsUsage(chunk.usage), serviceTier);
      finished = true;
    }
  }
  if (!finished) throw cutStreamError();
  yield { type: 'done', stopReason: refused ? 'refusal' : stopReason };
}
