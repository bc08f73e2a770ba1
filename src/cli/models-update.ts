import { resolvePaths } from '../core/paths';
import { writeStoredData } from '../core/pricing/data-store';
import { createPriceCatalog } from '../core/pricing/price-catalog';
import {
  curatedModelIds,
  curatedOverrides,
  currentCatalog,
  DEFAULT_PRICES_URL,
  diffCatalogs,
  fetchPriceDataText,
  parsePriceData,
  provenanceOf,
  readPriceDataFile,
} from '../core/pricing/update';
import { renderPriceDiff } from '../reports/prices/price-diff';
import type { CommandHandler } from './io';
import type { ModelsUpdateOptions } from './options';

/**
 * `chatmeter models update [--url URL | --file FILE] [--dry-run]`: fetches the latest
 * genai-prices v2 data (default: the project's published file; `CHATMETER_PRICES_URL`
 * overrides), validates and converts it exactly, prints what changes against the data in use,
 * and stores it atomically with its provenance in the data folder (not with `--dry-run`).
 * @throws PriceUpdateError (exit 1) on a network error, a timeout, an HTTP error, a truncated
 * or malformed file; the data in use is left as it was.
 */
export const runModelsUpdate: CommandHandler<ModelsUpdateOptions> = async (options, io) => {
  const source = options.file ?? options.url ?? (io.env.CHATMETER_PRICES_URL?.trim() || DEFAULT_PRICES_URL);
  const text = options.file ? readPriceDataFile(options.file) : await fetchPriceDataText(source, options.timeoutMs);
  const data = parsePriceData(text, source);
  const nowMs = Date.now();
  const { dataDir } = resolvePaths(io.env);
  const provenance = provenanceOf(text, data, source, nowMs);
  const before = currentCatalog(dataDir, nowMs);
  const curated = curatedModelIds();
  const after = createPriceCatalog(data, { origin: 'refreshed', dataDate: provenance.fetchedAt.slice(0, 10) }, nowMs);
  // Computed once: the diff notes and the lines after it both need the curated prices data wins.
  const overrides = curatedOverrides(after);
  const lines = [
    `Price data from ${source}`,
    `  ${after.list().length} priced models, sha256 ${provenance.sha256.slice(0, 16)}..., checked ${provenance.checkedDate ?? 'date not given'}`,
    `Compared with the ${before.origin.origin} data of ${before.origin.dataDate}:`,
    ...renderPriceDiff(diffCatalogs(before, after), (price) => {
      const overridden = overrides.some((o) => o.price.id === price.id);
      return curated.has(price.id.toLowerCase()) && !overridden
        ? ' (a curated price stays in use)'
        : '';
    }),
  ];
  for (const { price, checkedDate, curatedDate } of overrides) {
    lines.push(
      `  ${price.provider}/${price.id}: the data was checked on ${checkedDate}, after the curated price (${curatedDate}), and now wins over it.`,
    );
  }
  if (options.dryRun) {
    lines.push('Dry run: nothing stored; the prices in use are unchanged.');
  } else {
    writeStoredData(dataDir, text, provenance);
    lines.push(`Stored in ${dataDir}; chatmeter uses these prices from now on.`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
};
