import type { BuiltinPricing, RatesInput, TierInput, UsdPerMTok } from './data-types';
import { usdPerMTokToMicroUsd } from './money';
import type { ValidatedModel } from './schema';

function micro(value: UsdPerMTok | undefined): bigint | undefined {
  return value === undefined ? undefined : usdPerMTokToMicroUsd(value);
}

function optionalRates(rates: Partial<RatesInput>) {
  return {
    cacheRead: micro(rates.cacheRead),
    cacheWrite5m: micro(rates.cacheWrite5m),
    cacheWrite1h: micro(rates.cacheWrite1h),
    inputAudio: micro(rates.inputAudio),
    outputAudio: micro(rates.outputAudio),
  };
}

function tier(input: TierInput): NonNullable<ValidatedModel['tiers']>[number] {
  return {
    above: input.above,
    input: micro(input.input),
    output: micro(input.output),
    ...optionalRates(input),
  };
}

/**
 * Converts the built-in table (typed at compile time, so no schema library is needed on this
 * path) into validated entries keyed by model id. `tests/core/pricing/builtin.test.ts` also
 * runs it through the pricing-file schema.
 * @throws UsageError when a built-in price is not a decimal with at most 6 decimals.
 */
export function builtinModels(
  data: BuiltinPricing,
): Map<string, { entry: ValidatedModel; source: string }> {
  const models = new Map<string, { entry: ValidatedModel; source: string }>();
  for (const [provider, block] of Object.entries(data)) {
    for (const [id, model] of Object.entries(block.models)) {
      const entry: ValidatedModel = {
        provider,
        input: usdPerMTokToMicroUsd(model.input),
        output: usdPerMTokToMicroUsd(model.output),
        ...optionalRates(model),
        contextWindow: model.contextWindow,
        tiers: model.tiers?.map(tier),
        aliases: model.aliases ? [...model.aliases] : undefined,
        priceDate: model.priceDate ?? block.priceDate,
      };
      models.set(id, { entry, source: block.source });
    }
  }
  return models;
}
