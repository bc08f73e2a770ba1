/**
 * What one recorded call tells the metrics: the GenAI semantic-convention attributes and
 * chatmeter's own, and the exact cost as the double OTLP carries. Plain data, no OpenTelemetry
 * import (the attribute names are the semconv values, pinned by the tests).
 */
import { picoToUsdString } from '../core/pricing/money';
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
  [/(^|\.)openai\.com$/, 'openai'],
  [/(^|\.)openai\.azure\.com$/, 'azure.ai.openai'],
  [/(^|\.)anthropic\.com$/, 'anthropic'],
  [/(^|\.)x\.ai$/, 'x_ai'],
  [/^generativelanguage\.googleapis\.com$/, 'gcp.gemini'],
  [/(^|\.)aiplatform\.googleapis\.com$/, 'gcp.vertex_ai'],
  [/(^|\.)deepseek\.com$/, 'deepseek'],
  [/(^|\.)groq\.com$/, 'groq'],
  [/(^|\.)mistral\.ai$/, 'mistral_ai'],
  [/(^|\.)perplexity\.ai$/, 'perplexity'],
  [/(^|\.)cohere\.(ai|com)$/, 'cohere'],
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

/** `list` (priced from the price table) or `provider` (the provider reported the cost). */
export function costSourceOf(call: CallRecord): string {
  // Call records gain `costSource` with provider-reported costs (issue 9); until then every
  // cost comes from the price table.
  return 'costSource' in call && typeof call.costSource === 'string' ? call.costSource : 'list';
}

/** The attributes every metric of a call shares. */
export function commonAttributes(
  call: CallRecord,
  endpoint: ProviderEndpoint,
  includeSessionId: boolean,
): MetricAttributes {
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': endpoint.providerName,
    'gen_ai.request.model': call.model,
    ...(endpoint.address === undefined ? {} : { 'server.address': endpoint.address }),
    ...(endpoint.port === undefined ? {} : { 'server.port': endpoint.port }),
    ...(includeSessionId ? { 'session.id': call.sessionId } : {}),
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
