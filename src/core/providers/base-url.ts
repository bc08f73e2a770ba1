import { ConfigError } from '../errors';
import { baseUrlVariableOf, type RealProviderId } from './infer';

/** An example base URL for messages (an OpenAI-compatible server on this machine). */
export const BASE_URL_EXAMPLE = 'http://127.0.0.1:11434/v1';

/** True when `text` (trimmed) is an absolute `http:` or `https:` URL. */
export function isHttpUrl(text: string): boolean {
  const trimmed = text.trim();
  if (!URL.canParse(trimmed)) return false;
  const { protocol } = new URL(trimmed);
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * The provider's base URL from `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL` (trimmed), or undefined
 * when unset or blank.
 * @throws ConfigError (exit 2) naming the variable when it is set to something not http(s).
 */
export function baseUrlFromEnv(
  env: NodeJS.ProcessEnv,
  provider: RealProviderId,
): string | undefined {
  const name = baseUrlVariableOf(provider);
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!isHttpUrl(value)) {
    throw new ConfigError(
      `${name} must be an http(s) URL such as ${BASE_URL_EXAMPLE} (it is "${value}"). Fix it or unset it.`,
    );
  }
  return value;
}
