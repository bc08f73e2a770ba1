import { type Usage, USAGE_BUCKETS, type UsageBucket } from '../usage/types';

/** The column of each usage bucket, in the `calls` table and in every rollup. */
export const BUCKET_COLUMNS = {
  inputTokens: 'input_tokens',
  cacheReadTokens: 'cache_read_tokens',
  cacheWrite5mTokens: 'cache_write_5m_tokens',
  cacheWrite1hTokens: 'cache_write_1h_tokens',
  outputTokens: 'output_tokens',
  reasoningTokens: 'reasoning_tokens',
} as const satisfies Record<UsageBucket, string>;

/** The column of a usage bucket. */
export type BucketColumn = (typeof BUCKET_COLUMNS)[UsageBucket];

/** The six buckets of a stored row, each read from its column, in {@link USAGE_BUCKETS} order. */
export function usageFromColumns(read: (column: BucketColumn) => number): Usage {
  const usage = {} as Record<UsageBucket, number>;
  for (const bucket of USAGE_BUCKETS) usage[bucket] = read(BUCKET_COLUMNS[bucket]);
  return usage;
}
