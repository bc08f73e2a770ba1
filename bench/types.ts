/** What `bench/run.mjs` passes to every bench section. */
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

/** Measures one part of the bench and returns its rows. */
export type Bench = (ctx: BenchContext) => Promise<BenchRow[]>;

/**
 * One independently run part of the bench: `bench/run.mjs` prints its rows as soon as it ends,
 * and when it throws prints the error in its place and goes on with the next one.
 */
export interface BenchSection {
  /** Shown on the section's rows and on its error. */
  readonly name: string;
  readonly run: Bench;
}

/** A bench module's default export: its sections, run in this order. */
export type BenchModule = readonly BenchSection[];
