import { UsageError } from '../core/errors';
import {
  normalizeChatCompletionsUsage,
  normalizeMessagesUsage,
  normalizeResponsesUsage,
  overlayUsage,
} from '../core/usage/normalize';
import { readReportedCost } from '../core/usage/provider-cost';
import type { CallBilling, Usage } from '../core/usage/types';
import type { MeteredApi } from './route';

/** What the proxy read from one response: usage for the ledger, text for an estimate. */
export interface ResponseReading {
  /** The model the response names (used when the request named none). */
  readonly model: string | null;
  /** The provider's usage, normalised; null when it sent none or it could not be read. */
  readonly usage: Usage | null;
  /** The generated text (and tool arguments), for a tokenizer estimate when usage is missing. */
  readonly reply: string;
  /** The response reached its normal end: a whole JSON body, or the stream's last event. */
  readonly complete: boolean;
  /** The provider's error type, from an error body or an in-band error event. */
  readonly errorType: string | null;
  /** Why the usage in the body could not be read (it is then estimated), else null. */
  readonly problem: string | null;
  /** The provider's own charge and the service tier it reports, when it sends them. */
  readonly billing: CallBilling | null;
}

type Raw = Readonly<Record<string, unknown>>;

const isRaw = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The mutable figures a reader gathers as the response goes by. */
export class ReadingState {
  model: string | null = null;
  reply = '';
  complete = false;
  errorType: string | null = null;
  problem: string | null = null;
  /** Anthropic: the raw usage so far (`message_start`, overlaid by each `message_delta`). */
  messagesUsage: Raw | null = null;
  usage: Usage | null = null;
  providerCostPicoUsd: bigint | null = null;
  serviceTier: string | null = null;

  /** Notes the model when none is known yet, and the service tier the body reports. */
  noteModel(value: unknown, body?: Raw): void {
    if (this.model === null && typeof value === 'string' && value !== '') this.model = value;
    const tier = body?.service_tier;
    if (typeof tier === 'string' && tier !== '') this.serviceTier = tier;
  }

  /** Normalises a usage object of `api`; a malformed one is noted as a problem (estimated). */
  readUsage(api: MeteredApi, raw: unknown): void {
    if (!isRaw(raw)) return;
    try {
      if (api === 'messages') {
        this.messagesUsage = overlayUsage(this.messagesUsage ?? {}, raw);
        this.usage = normalizeMessagesUsage(this.messagesUsage).usage;
      } else if (api === 'responses') {
        this.usage = normalizeResponsesUsage(raw).usage;
      } else {
        this.usage = normalizeChatCompletionsUsage(raw).usage;
      }
      // OpenRouter's usage.cost and xAI's cost_in_usd_ticks: the charge, beside our list price.
      const reported = readReportedCost(raw, []);
      if (reported) this.providerCostPicoUsd = reported.picoUsd;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      this.problem = error.message;
      this.usage = null;
    }
  }

  /** Notes the error type of an error object (`{type}` or `{error: {type}}`). */
  noteError(body: unknown): void {
    const inner = isRaw(body) && isRaw(body.error) ? body.error : body;
    const type = isRaw(inner) ? (inner.type ?? inner.code) : null;
    this.errorType = typeof type === 'string' ? type : 'error';
  }

  /** The reading as it stands. */
  result(): ResponseReading {
    return {
      model: this.model,
      usage: this.usage,
      reply: this.reply,
      complete: this.complete,
      errorType: this.errorType,
      problem: this.problem,
      billing:
        this.providerCostPicoUsd === null && this.serviceTier === null
          ? null
          : {
              ...(this.providerCostPicoUsd === null
                ? {}
                : { providerCostPicoUsd: this.providerCostPicoUsd }),
              ...(this.serviceTier === null ? {} : { serviceTier: this.serviceTier }),
            },
    };
  }
}

/** A reading with no usage (the call is estimated) that ended as the body did. */
export function unreadable(ended: boolean, problem: string): ResponseReading {
  const state = new ReadingState();
  state.complete = ended;
  state.problem = problem;
  return state.result();
}

export { isRaw };
