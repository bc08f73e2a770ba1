/**
 * The reply in flight, kept outside React so every way out of the REPL can abort it and wait
 * until the session has recorded it (an aborted call is still recorded, DESIGN §4).
 */
export class TurnRunner {
  #current: { readonly controller: AbortController; readonly done: Promise<void> } | null = null;
  readonly #onError: (error: unknown) => void;

  /** `onError` receives what a task throws (tasks report their own errors; this is the backstop). */
  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  /** Whether a turn is running. */
  get busy(): boolean {
    return this.#current !== null;
  }

  /**
   * Starts a turn unless one is running. `task` gets the turn's abort signal; a rejection goes
   * to `onError`. Returns false when busy.
   */
  start(task: (signal: AbortSignal) => Promise<void>): boolean {
    if (this.#current) return false;
    const controller = new AbortController();
    const done = task(controller.signal)
      .catch((error: unknown) => this.#onError(error))
      .finally(() => {
        if (this.#current?.controller === controller) this.#current = null;
      });
    this.#current = { controller, done };
    return true;
  }

  /** Aborts the running turn (the session still records it as aborted). False when idle. */
  cancel(): boolean {
    if (!this.#current) return false;
    this.#current.controller.abort();
    return true;
  }

  /** Aborts the running turn, if any, and resolves once it has ended and been recorded. */
  async stop(): Promise<void> {
    const current = this.#current;
    if (!current) return;
    current.controller.abort();
    await current.done;
  }
}
