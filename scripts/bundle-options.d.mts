import type { BuildOptions } from 'esbuild';

/** The esbuild options of chatmeter's bundle; add absWorkingDir, entryPoints and outdir. */
export declare const bundleOptions: BuildOptions;
