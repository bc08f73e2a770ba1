/**
 * What one recorded call tells the metrics: the GenAI semantic-convention attributes and
 * chatmeter's own, and the exact cost as the double OTLP carries.
 */
import { ATTR_SERVER_ADDRESS, ATTR_SERVER_PORT } from '@opentelemetry/semantic-conventions';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_SESSION_ID,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC,
  GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI,
  GEN_AI_PROVIDER_NAME_VALUE_COHERE,
  GEN_AI_PROVIDER_NAME_VALUE_DEEPSEEK,
  GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI,
  GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI,
  GEN_AI_PROVIDER_NAME_VALUE_GROQ,
  GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI,
  GEN_AI_PROVIDER_NAME_VALUE_OPENAI,
  GEN_AI_PROVIDER_NAME_VALUE_PERPLEXITY,
  GEN_AI_PROVIDER_NAME_VALUE_X_AI,
} from '@opentelemetry/semantic-conventions/incubating';
import { picoToUsdString } from '../core/pricing/money';
import { baseUrlFromEnv } from '../core/providers/base-url';
import type { CallRecord } from '../core/usage/types';

/** A metric attribute set (OTLP attribute values chatmeter uses). */
export type MetricAttributes = Record<string, string | number | boolean>;

/** Where a provider's calls go: `gen_ai.provider.name` and the server's host and port. */
export interface ProviderEndpoint {
  readonly providerName: string;
  readonly address?: string;
  readonly port?: number;
}

/** Hosts of known OpenAI-compatible services and their `gen_ai.provider.name` (semconv values). */
const KNOWN_HOSTS: readonly (readonly [RegExp, string])[] = [
  [/(^|\.)openai\.com$/, GEN_AI_PROVIDER_NAME_VALUE_OPENAI],
  [/(^|\.)openai\.azure\.com$/, GEN_AI_PROVIDER_NAME_VALUE_AZURE_AI_OPENAI],
  [/(^|\.)anthropic\.com$/, GEN_AI_PROVIDER_NAME_VALUE_ANTHROPIC],
  [/(^|\.)x\.ai$/, GEN_AI_PROVIDER_NAME_VALUE_X_AI],
  [/^generativelanguage\.googleapis\.com$/, GEN_AI_PROVIDER_NAME_VALUE_GCP_GEMINI],
  [/(^|\.)aiplatform\.googleapis\.com$/, GEN_AI_PROVIDER_NAME_VALUE_GCP_VERTEX_AI],
  [/(^|\.)deepseek\.com$/, GEN_AI_PROVIDER_NAME_VALUE_DEEPSEEK],
  [/(^|\.)groq\.com$/, GEN_AI_PROVIDER_NAME_VALUE_GROQ],
  [/(^|\.)mistral\.ai$/, GEN_AI_PROVIDER_NAME_VALUE_MISTRAL_AI],
  [/(^|\.)perplexity\.ai$/, GEN_AI_PROVIDER_NAME_VALUE_PERPLEXITY],
  [/(^|\.)cohere\.(ai|com)$/, GEN_AI_PROVIDER_NAME_VALUE_COHERE],
];

/** The providers' own API hosts, when no base URL points elsewhere. */
const DEFAULT_HOSTS: Readonly<Record<string, string>> = {
  openai: 'api.openai.com',
  anthropic: 'api.anthropic.com',
};

/**
 * The endpoint of `provider` (`openai` or `anthropic`, as on the call record) reached through
 * `baseUrl` (undefined: the provider's own API). A known host names its service (`api.x.ai` ->
 * `x_ai`); any other server keeps the provider's name. An unparsable URL gives no address.
 */
export function providerEndpoint(provider: string, baseUrl: string | undefined): ProviderEndpoint {
  if (!baseUrl) {
    const host = DEFAULT_HOSTS[provider];
    return host ? { providerName: provider, address: host, port: 443 } : { providerName: provider };
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { providerName: provider };
  }
  const address = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const known = KNOWN_HOSTS.find(([pattern]) => pattern.test(address.toLowerCase()));
  return { providerName: known?.[1] ?? provider, address, port };
}

/**
 * The base URL of `provider` in `env` (`OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL`, the config's
 * filled in): undefined for the provider's own API, for another provider, or for a value that is
 * not a URL (a chat with one stops before any call).
 */
export function baseUrlOfEnv(env: NodeJS.ProcessEnv, provider: string): string | undefined {
  if (provider !== 'openai' && provider !== 'anthropic') return undefined;
  try {
    return baseUrlFromEnv(env, provider);
  } catch {
    return undefined;
  }
}

/** `list` (priced from the price table) or `provider` (the provider reported the cost). */
export function costSourceOf(call: CallRecord): string {
  // A record without `costSource` (one made before providers reported costs, or a test's) was
  // priced from the price table.
  return 'costSource' in call && typeof call.costSource === 'string' ? call.costSource : 'list';
}

/** The attributes every metric of a call shares. */
export function commonAttributes(
  call: CallRecord,
  endpoint: ProviderEndpoint,
  includeSessionId: boolean,
): MetricAttributes {
  return {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_CHAT,
    [ATTR_GEN_AI_PROVIDER_NAME]: endpoint.providerName,
    [ATTR_GEN_AI_REQUEST_MODEL]: call.model,
    ...(call.responseModel === undefined
      ? {}
      : { [ATTR_GEN_AI_RESPONSE_MODEL]: call.responseModel }),
    ...(endpoint.address === undefined ? {} : { [ATTR_SERVER_ADDRESS]: endpoint.address }),
    ...(endpoint.port === undefined ? {} : { [ATTR_SERVER_PORT]: endpoint.port }),
    ...(includeSessionId ? { [ATTR_SESSION_ID]: call.sessionId } : {}),
  };
}

/** Attributes of chatmeter's own per-call metrics: how the call ended and how sure its figures are. */
export function outcomeAttributes(call: CallRecord): MetricAttributes {
  return { 'chatmeter.outcome': call.outcome, 'chatmeter.estimated': call.estimated };
}

/**
 * A pico-USD amount as the double OTLP carries, converted once from its exact decimal text
 * (correctly rounded: summing exact integers first and converting here keeps the total exact to
 * the pico for any amount below $1,000: up to 15 significant digits).
 */
export function picoToUsdNumber(pico: bigint): number {
  return Number(picoToUsdString(pico));
}
