import { loadPriceTableWithConfig } from '../core/pricing/with-config';
import { renderModelsJson, renderModelsText } from '../reports/models-report';
import type { CommandHandler } from './io';
import type { ModelsOptions } from './options';

/**
 * `chatmeter models`: lists every known model with its prices (USD per 1M tokens), context
 * window, long-context tier and price date, as a table or as JSON with exact decimal strings.
 * @throws PricingError (exit 2) when `--pricing` names a bad file.
 */
export const runModels: CommandHandler<ModelsOptions> = async (options, io) => {
  const { table, notices } = await loadPriceTableWithConfig(io.env, options.pricing);
  for (const notice of notices) io.stderr.write(`chatmeter: warning: ${notice}\n`);
  const models = table.list();
  io.stdout.write(options.json ? renderModelsJson(models) : renderModelsText(models));
  return 0;
};
