import { staleDataWarning } from '../core/pricing/data-age';
import { loadPriceTableWithConfig } from '../core/config/price-table';
import { renderModelsJson, renderModelsText } from '../reports/prices/models-report';
import type { CommandHandler } from './io';
import type { ModelsOptions } from './options';

/**
 * `chatmeter models`: lists the models chatmeter offers (`--all`: every priced model) with their
 * prices (USD per 1M tokens), context window, long-context tier and where each price comes from,
 * as a table or as JSON with exact decimal strings. Warns on stderr when the price data in use
 * is more than 60 days old or refreshed data could not be read.
 * @throws PricingError (exit 2) when `--pricing` names a bad file.
 */
export const runModels: CommandHandler<ModelsOptions> = async (options, io) => {
  const { table, notices } = await loadPriceTableWithConfig(io.env, options.pricing);
  const stale = table.data && staleDataWarning(table.data, Date.now());
  for (const notice of [...notices, table.data?.problem ?? null, stale]) {
    if (notice) io.stderr.write(`chatmeter: warning: ${notice}\n`);
  }
  const models = options.all ? table.listAll() : table.list();
  io.stdout.write(options.json ? renderModelsJson(models) : renderModelsText(models));
  return 0;
};
