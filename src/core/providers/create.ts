import type { TokenEstimator } from '../tokens/estimate';
import { ConfigError } from '../errors';
import { AnthropicProvider } from './anthropic';
import { baseUrlFromEnv } from './base-url';
import { inferProvider, type RealProviderId } from '../model-id';
import { keyVariableOf } from './key-variables';
import { MockProvider, mockDelayFromEnv } from './mock';
import { loadMockScript } from './mock-script';
import { OpenAiProvider } from './openai';
import type { LogWriter } from './sdk-logger';
import type { ChatProvider } from './types';

/**
 * The model used when a provider is known but no model was given (not one the Anthropic SDK
 * warns about as deprecated on every call).
 */
export const DEFAULT_MODELS = { openai: 'gpt-5-mini', anthropic: 'claude-haiku-4-5' } as const;

/** What building a real provider needs besides the model id. */
export interface RealProviderSettings {
  readonly env: NodeJS.ProcessEnv;
  /** `--provider`: used when a model id does not tell its provider. */
  readonly explicitProvider?: RealProviderId;
  /**
   * `--base-url`, applied to `baseUrlProvider` (the provider chosen at start). That provider also
   * serves ids that do not tell theirs when it runs on a base URL (this one or `*_BASE_URL`).
   */
  readonly baseUrl?: string;
  readonly baseUrlProvider?: RealProviderId;
  readonly api: 'chat' | 'responses';
  readonly stream: boolean;
  /** Where the SDKs' log lines go (redacted; see `sdkLogger`). */
  readonly log?: LogWriter;
  /** Seconds without a byte before a call fails with kind `timeout` (default 120). */
  readonly timeoutSeconds?: number;
}

/** The API key of a provider from the environment, or null when unset or blank. */
export function apiKeyOf(env: NodeJS.ProcessEnv, provider: RealProviderId): string | null {
  const key = env[keyVariableOf(provider)]?.trim();
  return key ? key : null;
}

/**
 * The provider serving `model`: inferred from the id, else `fallback` (the explicit
 * `--provider`). Throws ConfigError (exit 2) when neither tells.
 */
export function providerForModel(
  model: string,
  fallback: RealProviderId | undefined,
): RealProviderId {
  const provider = inferProvider(model) ?? fallback;
  if (provider) return provider;
  throw new ConfigError(
    `Cannot tell which provider serves "${model}": pass --provider openai (also for OpenAI-compatible servers) or --provider anthropic.`,
  );
}

/**
 * Builds the real provider for `model`. Throws ConfigError (exit 2) naming the variable to set
 * when the provider's key is missing.
 */
export function createRealProvider(model: string, settings: RealProviderSettings): ChatProvider {
  const started = settings.baseUrlProvider;
  const baseUrlOf = (provider: RealProviderId): string | undefined =>
    (provider === started ? settings.baseUrl : undefined) ??
    baseUrlFromEnv(settings.env, provider);
  // On a --base-url or *_BASE_URL server (OpenRouter, Ollama...) ids need not tell the provider.
  const onServer = started !== undefined && baseUrlOf(started) !== undefined;
  const fallback = settings.explicitProvider ?? (onServer ? started : undefined);
  // On such a server an explicit --provider names its API whatever the id looks like
  // (`--provider openai` with OpenRouter's `anthropic/claude-...` ids).
  const provider =
    onServer && settings.explicitProvider
      ? settings.explicitProvider
      : providerForModel(model, fallback);
  const baseUrl = baseUrlOf(provider);
  const apiKey = apiKeyOf(settings.env, provider);
  if (!apiKey) {
    const local = baseUrl ? ' (any non-empty value for a server that needs no key)' : '';
    throw new ConfigError(
      `Set ${keyVariableOf(provider)}${local} to use ${model}, or run with --mock.`,
    );
  }
  const { stream, log, timeoutSeconds } = settings;
  const common = { apiKey, baseUrl, stream, log, timeoutSeconds };
  return provider === 'openai'
    ? new OpenAiProvider({ ...common, api: settings.api })
    : new AnthropicProvider(common);
}

/**
 * The mock provider configured from the environment: `CHATMETER_MOCK_DELAY_MS` (pause per
 * chunk) and `CHATMETER_MOCK_SCRIPT` (a JSON file of queued replies, errors and cut streams).
 * `cacheFile` keeps its simulated prompt cache between runs. Throws ConfigError when the script
 * cannot be read or parsed.
 */
export function createMockProvider(
  env: NodeJS.ProcessEnv,
  estimator: () => Promise<TokenEstimator>,
  cacheFile?: string,
): MockProvider {
  const scriptFile = env.CHATMETER_MOCK_SCRIPT?.trim();
  return new MockProvider({
    delayMs: mockDelayFromEnv(env.CHATMETER_MOCK_DELAY_MS),
    estimator,
    script: scriptFile ? loadMockScript(scriptFile) : undefined,
    ...(cacheFile === undefined ? {} : { cacheFile }),
  });
}
