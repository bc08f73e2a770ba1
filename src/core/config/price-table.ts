import { type LoadedSettings, loadSettings } from './load';
import { resolvePaths } from '../paths';
import { loadPriceTable } from '../pricing/table';
import type { PriceTable } from '../pricing/types';

/** A price table with the config's `pricing` merged in, and what the config file got wrong. */
export interface ConfiguredPriceTable {
  readonly table: PriceTable;
  /** One line per problem in the config file (it was read leniently); empty when fine. */
  readonly notices: readonly string[];
}

/** What `loadPriceTable` needs of the config file: its `pricing` key, and how to name it. */
export function configPricingOptions(loaded: LoadedSettings): {
  readonly overrides?: unknown;
  readonly overridesSource: string;
} {
  return {
    overrides: loaded.settings.pricing ?? undefined,
    overridesSource: `${loaded.path} key "pricing"`,
  };
}

/**
 * Loads the price data (refreshed in the data folder of `env`, else bundled) and the curated
 * prices, then the config key `pricing` (from the config file of `env`), then `pricingFile`
 * (`--pricing`), each winning over the one before.
 * @throws PricingError (exit 2) naming the file or config key and the key path at fault.
 */
export async function loadPriceTableWithConfig(
  env: NodeJS.ProcessEnv,
  pricingFile?: string,
): Promise<ConfiguredPriceTable> {
  const loaded = await loadSettings(env);
  const table = await loadPriceTable({
    pricingFile,
    ...configPricingOptions(loaded),
    dataDir: resolvePaths(env).dataDir,
  });
  return { table, notices: loaded.problems };
}
