import type { Response as OpenAiResponse } from 'openai/resources/responses/responses';
import { normalizeResponsesUsage } from '../usage/normalize';
import { cutStreamError, usageEvents } from './adapter-run';
import { errorTypeOf, kindOfErrorType, providerError, providerMessageOf } from './map-error';
import { type OpenAiCall, promptCacheKeyParam, serviceTierParam } from './openai-chat';
import type { ProviderEvent } from './types';
import { UnreadableResponseError } from './errors';

/** The text of the refusals in a response's output messages ('' when the model did not refuse). */
function refusalOf(response: OpenAiResponse): string {
  return (response.output ?? [])
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .flatMap((part) => (part.type === 'refusal' ? [part.refusal] : []))
    .join('');
}

/** Usage (when sent) then `done`, or the error of a failed response, for a finished response. */
function* endOf(response: OpenAiResponse, call: OpenAiCall): Generator<ProviderEvent> {
  if (response.model) yield { type: 'model', model: response.model };
  if (response.usage) {
    yield* usageEvents(normalizeResponsesUsage(response.usage), response.service_tier);
  }
  if (response.status === 'failed') {
    const body = response.error ?? null;
    throw providerError(kindOfErrorType(errorTypeOf(body) ?? body?.code ?? null), call.context, {
      providerMessage: providerMessageOf(body),
    });
  }
  const stopReason =
    response.status === 'incomplete'
      ? (response.incomplete_details?.reason ?? 'incomplete')
      : refusalOf(response)
        ? 'refusal'
        : (response.status ?? null);
  yield { type: 'done', stopReason };
}

/**
 * Responses API events: text from `response.output_text.delta`, usage from the terminal
 * `response.completed`, `response.incomplete` or `response.failed`; a stream without one of them
 * was cut. Throws the SDK's errors (an in-band `error` event included; mapped by the caller).
 */
export async function* openAiResponsesEvents(call: OpenAiCall): AsyncGenerator<ProviderEvent> {
  const { client, request, signal } = call;
  const params = {
    model: request.model,
    input: request.messages.map((m) => ({ role: m.role, content: m.content })),
    store: false,
    ...(request.system ? { instructions: request.system } : {}),
    ...(request.maxTokens === undefined ? {} : { max_output_tokens: request.maxTokens }),
    ...serviceTierParam(request),
    ...promptCacheKeyParam(request, call.cacheKey),
  };
  if (!call.stream) {
    // Started once the answer is here, as a stream is once its headers are (see anthropic.ts).
    const response = await client.responses.create(params, { signal });
    if (!Array.isArray(response.output)) {
      throw new UnreadableResponseError('no output in the answer (is it a Responses API?)');
    }
    yield { type: 'started' };
    // A refusal is not in `output_text`: shown as the reply, and said as the stop.
    const text = response.output_text || refusalOf(response);
    if (text.length > 0) yield { type: 'text', text };
    yield* endOf(response, call);
    return;
  }
  const events = await client.responses.create({ ...params, stream: true }, { signal });
  yield { type: 'started' };
  for await (const event of events) {
    switch (event.type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        if (event.delta.length > 0) yield { type: 'text', text: event.delta };
        break;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        yield* endOf(event.response, call);
        return;
      default:
        break;
    }
  }
  throw cutStreamError();
}
