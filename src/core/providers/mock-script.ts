import { readFileSync } from 'node:fs';
import { ConfigError, errorMessage } from '../errors';
import { PROVIDER_ERROR_KINDS, type ProviderErrorKind } from './errors';

/** A scripted provider error (`{"kind": "rate_limit", "status": 429}`). */
export interface MockScriptError {
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  /** The provider's message, shown after the standard text of the kind. */
  readonly message?: string;
  readonly retryAfterSeconds?: number;
}

/**
 * One queued call of a mock script. Without `error` the reply streams normally. With `error`
 * and no `afterChars` the call fails before any output; with `afterChars` the reply streams that
 * many characters, then the error ends it (a cut stream). `cutAfterChars` is shorthand for a
 * `network` error after that many characters. `usage: false` sends no usage (estimated).
 * `stopReason` ends the reply with that provider stop reason (`max_tokens`, `content_filter`,
 * `refusal`...: a reply cut short); `reasoningTokens` adds that much unseen thinking to the
 * output (with `reply: ""`, a reply that is only thinking).
 */
export interface MockScriptStep {
  readonly reply?: string;
  readonly error?: MockScriptError;
  readonly afterChars?: number;
  readonly cutAfterChars?: number;
  readonly usage?: boolean;
  /** Notices sent before the reply (e.g. a simulated retry). */
  readonly notices?: readonly string[];
  /** The stop reason the reply ends with (default `end_turn`, or `max_tokens` past --max-tokens). */
  readonly stopReason?: string;
  /** Reasoning tokens billed with the output (not shown). */
  readonly reasoningTokens?: number;
}

/** Thrown-at-load problems name the file and say what to fix. */
function invalid(file: string, what: string): ConfigError {
  return new ConfigError(
    `CHATMETER_MOCK_SCRIPT ${file}: ${what}. Expected a JSON array of steps such as [{"reply": "hi"}, {"error": {"kind": "rate_limit", "status": 429}}].`,
  );
}

function optionalNumber(value: unknown, file: string, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalid(file, `${where} must be a non-negative integer`);
  }
  return value;
}

function parseStep(value: unknown, file: string, index: number): MockScriptStep {
  const where = `step ${index}`;
  if (typeof value !== 'object' || value === null) throw invalid(file, `${where} is not an object`);
  const raw = value as Record<string, unknown>;
  if (raw.reply !== undefined && typeof raw.reply !== 'string') {
    throw invalid(file, `${where}.reply must be a string`);
  }
  let error: MockScriptError | undefined;
  if (raw.error !== undefined) {
    const e = raw.error as Record<string, unknown>;
    if (
      typeof e !== 'object' ||
      e === null ||
      !PROVIDER_ERROR_KINDS.includes(e.kind as ProviderErrorKind)
    ) {
      throw invalid(file, `${where}.error.kind must be one of ${PROVIDER_ERROR_KINDS.join(', ')}`);
    }
    if (e.message !== undefined && typeof e.message !== 'string') {
      throw invalid(file, `${where}.error.message must be a string`);
    }
    error = {
      kind: e.kind as ProviderErrorKind,
      status: optionalNumber(e.status, file, `${where}.error.status`),
      message: e.message as string | undefined,
      retryAfterSeconds: optionalNumber(
        e.retryAfterSeconds,
        file,
        `${where}.error.retryAfterSeconds`,
      ),
    };
  }
  const notices = raw.notices;
  if (
    notices !== undefined &&
    !(Array.isArray(notices) && notices.every((n) => typeof n === 'string'))
  ) {
    throw invalid(file, `${where}.notices must be an array of strings`);
  }
  if (raw.stopReason !== undefined && (typeof raw.stopReason !== 'string' || raw.stopReason === '')) {
    throw invalid(file, `${where}.stopReason must be a stop reason such as "max_tokens"`);
  }
  return {
    reply: raw.reply as string | undefined,
    stopReason: raw.stopReason as string | undefined,
    reasoningTokens: optionalNumber(raw.reasoningTokens, file, `${where}.reasoningTokens`),
    error,
    afterChars: optionalNumber(raw.afterChars, file, `${where}.afterChars`),
    cutAfterChars: optionalNumber(raw.cutAfterChars, file, `${where}.cutAfterChars`),
    usage: raw.usage === false ? false : undefined,
    notices: notices as string[] | undefined,
  };
}

/** Parses a mock script's JSON text: an array of steps, or `{"steps": [...]}`. */
export function parseMockScript(text: string, file: string): MockScriptStep[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not valid JSON (${errorMessage(error)})`);
  }
  const steps = Array.isArray(data) ? data : (data as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) throw invalid(file, 'no array of steps');
  return steps.map((step, i) => parseStep(step, file, i));
}

/** Reads and parses the script file named by CHATMETER_MOCK_SCRIPT. Throws ConfigError (exit 2). */
export function loadMockScript(file: string): MockScriptStep[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw invalid(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseMockScript(text, file);
}
