/** A provider chatmeter can talk to. An OpenAI-compatible server is `openai`. */
export type ProviderId = 'openai' | 'anthropic' | 'mock';

/** A provider reached over the network with an API key (everything but the mock). */
export type RealProviderId = Exclude<ProviderId, 'mock'>;

/**
 * The provider a model id belongs to (DESIGN §2): `gpt-*`, `o1*`, `o3*`, `o4*`, `chatgpt-*` are
 * OpenAI's, `claude-*` Anthropic's; anything else needs `--provider` (null). A provider prefix
 * (`openai/gpt-5`, `anthropic/claude-...`) is honoured.
 */
export function inferProvider(modelId: string): RealProviderId | null {
  const id = modelId.trim().toLowerCase();
  if (id.startsWith('openai/')) return 'openai';
  if (id.startsWith('anthropic/')) return 'anthropic';
  if (/^(gpt-|o1|o3|o4|chatgpt-)/.test(id)) return 'openai';
  if (id.startsWith('claude-')) return 'anthropic';
  return null;
}

/** The environment variable that holds the API key of a provider. */
export function keyVariableOf(provider: RealProviderId): string {
  return provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
}

/** The environment variable that holds the base URL of a provider. */
export function baseUrlVariableOf(provider: RealProviderId): string {
  return provider === 'openai' ? 'OPENAI_BASE_URL' : 'ANTHROPIC_BASE_URL';
}
