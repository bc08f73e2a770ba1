import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, PriceUpdateError, PricingError } from '../errors';
import { writePrivateFile } from '../private-file';
import type { PriceData } from './price-data';

/** Where refreshed price data came from, stored beside it. */
export interface DataProvenance {
  /** The URL or file it was read from. */
  readonly source: string;
  /** When it was fetched, ISO 8601. */
  readonly fetchedAt: string;
  /** sha256 of the data text, hex. */
  readonly sha256: string;
  /** The newest `prices_checked` date in the data (YYYY-MM-DD), or null when it has none. */
  readonly checkedDate: string | null;
}

/** Refreshed price data read back from the data folder. */
export interface StoredPriceData {
  readonly provenance: DataProvenance;
  readonly data: PriceData;
  /** The data text as fetched, byte for byte. */
  readonly text: string;
}

const SEPARATOR = ',"data":';

/** The file that holds refreshed price data, in chatmeter's data folder. */
export function storedDataFile(dataDir: string): string {
  return join(dataDir, 'prices', 'genai-prices-v2.json');
}

/**
 * sha256 of a text, hex. `node:crypto` is loaded on first use: `cost` and `models` without
 * refreshed data never need it (it is a few ms of start-up).
 */
export function sha256Hex(text: string): string {
  const crypto = process.getBuiltinModule('node:crypto');
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * Reads the refreshed price data, or null when there is none (never refreshed).
 * @throws PricingError when the file exists but cannot be read, is not what `models update`
 * wrote, or its data does not match its checksum (the caller falls back to the bundled data).
 */
export function readStoredData(dataDir: string): StoredPriceData | null {
  const file = storedDataFile(dataDir);
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PricingError(`${file}: cannot read the refreshed price data (${errorMessage(error)})`);
  }
  const cut = content.indexOf(SEPARATOR);
  const text = cut === -1 ? '' : content.slice(cut + SEPARATOR.length, content.lastIndexOf('}'));
  try {
    const { provenance } = JSON.parse(`${content.slice(0, cut)}}`) as {
      provenance: DataProvenance;
    };
    if (sha256Hex(text) !== provenance.sha256) throw new Error('its checksum does not match');
    const data = JSON.parse(text) as unknown;
    if (!Array.isArray(data)) throw new Error('it is not a list of providers');
    return { provenance, data: data as PriceData, text };
  } catch (error) {
    throw new PricingError(`${file}: the refreshed price data is damaged (${errorMessage(error)})`);
  }
}

/**
 * Stores fetched price data with its provenance, atomically: written to a temporary file in the
 * same folder (mode 0600) and renamed over the old one, so a reader sees the old or the new
 * data, never a part. The data text is kept byte for byte.
 * @throws PricingError naming the file when the folder or file cannot be written.
 */
export function writeStoredData(dataDir: string, text: string, provenance: DataProvenance): void {
  const file = storedDataFile(dataDir);
  try {
    const head = JSON.stringify({ provenance });
    writePrivateFile(file, `${head.slice(0, -1)}${SEPARATOR}${text}}\n`);
  } catch (error) {
    throw new PriceUpdateError(`${file}: cannot store the price data (${errorMessage(error)})`, {
      cause: error,
    });
  }
}
