/** What the bundle is built from, relative to the project root. */
export declare const BUILD_INPUTS: readonly string[];

/** Whether `<root>/dist/cli.js` is missing or not newer than every build input. */
export declare function bundleIsStale(root: string): boolean;
