import type { RealProviderId } from '../model-id';

/** The environment variable that holds the API key of a provider. */
export function keyVariableOf(provider: RealProviderId): string {
  return provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY';
}

/** The environment variable that holds the base URL of a provider. */
export function baseUrlVariableOf(provider: RealProviderId): string {
  return provider === 'openai' ? 'OPENAI_BASE_URL' : 'ANTHROPIC_BASE_URL';
}
