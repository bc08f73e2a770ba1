/** Where the bundled price data comes from (see data/README.md). */
export const BUNDLED_DATA_INFO = {
  /** The date of the genai-prices commit the bundled file was taken from (YYYY-MM-DD). */
  date: '2026-08-21',
  source:
    'https://github.com/pydantic/genai-prices/blob/47df840a5ab10bbcffb8e5ac01b9899032245d1b/prices/new_data/v2/data.json',
} as const;
