/**
 * Errors that reach the user. Each message is one line written for the user and names what to
 * fix; details live in properties. `exitCode` is what the CLI exits with (DESIGN §2).
 */
export class ChatmeterError extends Error {
  /** The process exit code when this error ends the CLI. */
  readonly exitCode: number;

  constructor(message: string, options: { exitCode: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode;
  }
}

/** The message of anything thrown: an Error's message, else the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Bad command-line usage or input (exit 2). */
export class UsageError extends ChatmeterError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: 2, ...options });
  }
}

/** A price table or pricing file that fails validation (exit 2). */
export class PricingError extends ChatmeterError {
  /** The file at fault, when there is one. */
  readonly file: string | null;
  /** The key path at fault, e.g. `models.gpt-5.tiers[0].above`. */
  readonly keyPath: string | null;

  constructor(
    message: string,
    options: { file?: string | null; keyPath?: string | null; cause?: unknown } = {},
  ) {
    super(message, { exitCode: 2, cause: options.cause });
    this.file = options.file ?? null;
    this.keyPath = options.keyPath ?? null;
  }
}

/** A configuration problem: a bad setting, a missing API key (exit 2). */
export class ConfigError extends ChatmeterError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: 2, ...options });
  }
}

/** A cost limit was hit: `usage --fail-over`, or a budget in block mode (exit 3). */
export class CostLimitError extends ChatmeterError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: 3, ...options });
  }
}

/** `chatmeter models update` could not fetch or use new price data; nothing changed (exit 1). */
export class PriceUpdateError extends ChatmeterError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: 1, ...options });
  }
}
