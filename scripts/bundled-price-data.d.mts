import type { Plugin } from 'esbuild';

/** The esbuild plugin that inlines the compact bundled price data. */
export declare const bundledPriceData: Plugin;

/** A genai-prices provider with only the fields the price layer reads. */
export declare function compactProvider<T extends { models: readonly object[] }>(provider: T): T;
