/**
 * A line to show before the first prompt (in the REPL's transcript, on stderr in one-shot mode):
 * `info` for how the session runs (mock mode), `warn` for something to fix (a config-file problem,
 * an ignored option, a model without a price, a ledger that cannot be opened).
 */
export interface StartupNotice {
  readonly level: 'info' | 'warn';
  readonly text: string;
}
