import { ConfigError } from '../errors';
import { BASE_URL_EXAMPLE, isHttpUrl } from '../http-url';
import type { RealProviderId } from '../model-id';
import { baseUrlVariableOf } from './key-variables';

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
