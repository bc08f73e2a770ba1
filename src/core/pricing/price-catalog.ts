import { type DataOrigin, dataModelPrice } from './data-model-price';
import { type DataModel, type DataProvider, matchesRule, type PriceData } from './price-data';
import { stripDateSuffix } from './resolve';
import type { ModelPrice } from './types';

/** Providers searched first for a bare model id, in this order; the rest follow in data order. */
const PREFERRED_PROVIDERS = ['openai', 'anthropic', 'google', 'x-ai', 'deepseek', 'mistral'];

/** Names a model id's prefix may give a data provider (`xai/grok-4`, `mistralai/...`). */
const PREFIX_PROVIDERS: Readonly<Record<string, string>> = {
  xai: 'x-ai',
  gemini: 'google',
  vertex: 'google',
  'vertex_ai': 'google',
  mistralai: 'mistral',
  models: 'google',
};

/** True when `baseUrl` is the provider's API (its `api_pattern`, a regex on the URL). */
function apiPatternMatches(provider: DataProvider, baseUrl: string): boolean {
  try {
    return new RegExp(provider.api_pattern, 'i').test(baseUrl);
  } catch {
    return false;
  }
}

/** Prices from one genai-prices data file, looked up by model id. */
export interface PriceCatalog {
  /** How the data was obtained: bundled or refreshed, and its date. */
  readonly origin: DataOrigin;
  /** The model a (case-insensitive) id names, per the data's match rules, or undefined. */
  find(modelId: string): ModelPrice | undefined;
  /** A model by its provider and data id, or undefined (the `models update` diff uses it). */
  byId(provider: string, modelId: string): ModelPrice | undefined;
  /** Every priceable model of the data, in data order. */
  list(): readonly ModelPrice[];
}

/**
 * A catalog over parsed price data. Models are converted on first use and remembered; a bare
 * id is looked up in the providers whose `model_match` takes it (OpenAI, Anthropic, Google, xAI,
 * DeepSeek and Mistral first), a `provider/model` id in that provider, and a dated snapshot id
 * also without its date.
 * @param nowMs the time that picks each model's current prices among dated ones.
 * @param baseUrl an OpenAI-compatible server's base URL: the provider whose `api_pattern` it
 * matches (OpenRouter, Groq, Together...) is searched first, so its own prices win.
 */
export function createPriceCatalog(
  data: PriceData,
  origin: DataOrigin,
  nowMs: number,
  baseUrl?: string,
): PriceCatalog {
  const providers = new Map(data.map((provider) => [provider.id.toLowerCase(), provider]));
  const host = baseUrl ? data.find((provider) => apiPatternMatches(provider, baseUrl)) : undefined;
  const ordered = [
    ...(host ? [host] : []),
    ...PREFERRED_PROVIDERS.flatMap((id) => providers.get(id) ?? []),
    ...data.filter((provider) => !PREFERRED_PROVIDERS.includes(provider.id)),
  ];
  const converted = new Map<DataModel, ModelPrice | undefined>();
  const found = new Map<string, ModelPrice | undefined>();

  const priceOf = (provider: DataProvider, model: DataModel) => {
    if (!converted.has(model)) {
      converted.set(model, dataModelPrice(provider, model, origin, nowMs));
    }
    return converted.get(model);
  };
  const inProvider = (provider: DataProvider, id: string) => {
    const model = provider.models.find((candidate) => matchesRule(candidate.match, id));
    return model && priceOf(provider, model);
  };
  const search = (id: string): ModelPrice | undefined => {
    const slash = id.indexOf('/');
    if (slash > 0) {
      const prefix = id.slice(0, slash);
      const named = providers.get(PREFIX_PROVIDERS[prefix] ?? prefix);
      // A router's own ids keep the prefix (`openrouter` lists `google/gemini-2.5-flash`).
      if (named) return inProvider(named, id.slice(slash + 1)) ?? inProvider(named, id);
    }
    for (const provider of ordered) {
      if (provider !== host) {
        if (provider.model_match && !matchesRule(provider.model_match, id)) continue;
        if (!provider.model_match && !PREFERRED_PROVIDERS.includes(provider.id)) continue;
      }
      const price = inProvider(provider, id);
      if (price) return price;
    }
    return undefined;
  };

  return {
    origin,
    find: (modelId) => {
      const id = modelId.trim().toLowerCase();
      if (!found.has(id)) {
        // A snapshot date the data's rules do not list: try the id without it.
        const undated = stripDateSuffix(id);
        found.set(id, search(id) ?? (undated === id ? undefined : search(undated)));
      }
      return found.get(id);
    },
    byId: (providerId, modelId) => {
      const provider = providers.get(providerId.toLowerCase());
      const model = provider?.models.find((candidate) => candidate.id === modelId);
      return provider && model && priceOf(provider, model);
    },
    list: () =>
      data.flatMap((provider) =>
        provider.models.flatMap((model) => priceOf(provider, model) ?? []),
      ),
  };
}
