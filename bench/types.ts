/** What `bench/run.mjs` passes to every bench module. */
export interface BenchContext {
  /** Project root. */
  readonly root: string;
  /** Path of the built CLI (`dist/cli.js`). */
  readonly cli: string;
  /** The Node binary running the bench. */
  readonly node: string;
}

/** One row of the bench table. */
export interface BenchRow {
  readonly section: string;
  readonly metric: string;
  readonly value: string | number;
  /** The target, as text, e.g. `>= 1,000,000/s` or `<= 2.0x`. */
  readonly target?: string;
  /** Whether the target was met. */
  readonly ok?: boolean;
}

/** A bench module's default export. */
export type Bench = (ctx: BenchContext) => Promise<BenchRow[]>;
