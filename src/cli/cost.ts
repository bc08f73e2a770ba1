import { readFileSync } from 'node:fs';
import { errorMessage, UsageError } from '../core/errors';
import { inferProvider, modelIdProblem } from '../core/model-id';
import { priceUsage } from '../core/pricing/cost';
import { loadPriceTableWithConfig } from '../core/config/price-table';
import { normalizeUsage, usageOfBody } from '../core/usage/normalize';
import { isObject } from '../core/usage/normalize-read';
import { renderCostJson, renderCostText } from '../reports/prices/cost-report';
import { type CommandHandler, type Io, readAllText } from './io';
import type { CostOptions } from './options';

/** Providers whose usage comes in OpenAI's shapes (their OpenAI-compatible endpoints). */
const OPENAI_SHAPED = new Set([
  'openai',
  'google',
  'gemini',
  'xai',
  'x-ai',
  'deepseek',
  'openrouter',
]);

async function readUsageText(
  options: CostOptions,
  io: Io,
): Promise<{ text: string; from: string }> {
  if (options.usage !== undefined && options.usageFile !== undefined) {
    throw new UsageError('give the usage with either --usage or --usage-file, not both');
  }
  if (options.usage !== undefined) return { text: options.usage, from: '--usage' };
  if (options.usageFile !== undefined) {
    try {
      return { text: readFileSync(options.usageFile, 'utf8'), from: options.usageFile };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : String(error);
      throw new UsageError(`cannot read --usage-file ${options.usageFile} (${reason})`, {
        cause: error,
      });
    }
  }
  if (io.stdin.isTTY) {
    throw new UsageError(
      'no usage given: pass --usage \'{"prompt_tokens":1200,"completion_tokens":300}\', --usage-file FILE, or pipe it on stdin',
    );
  }
  const text = await readAllText(io.stdin);
  if (text.trim() === '') {
    throw new UsageError(
      'no usage on stdin: pipe a usage object, or pass --usage JSON or --usage-file FILE',
    );
  }
  return { text, from: 'stdin' };
}

/**
 * The usage object of the text, and the `service_tier` and `model` (Gemini: `modelVersion`) of a
 * whole response body around it.
 */
function parseUsageJson(
  text: string,
  from: string,
): { raw: unknown; serviceTier?: string; model?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = errorMessage(error);
    throw new UsageError(`the usage from ${from} is not valid JSON (${reason})`, { cause: error });
  }
  const tier = isObject(value) ? value.service_tier : undefined;
  const model = isObject(value) ? (value.model ?? value.modelVersion) : undefined;
  return {
    raw: usageOfBody(value),
    ...(typeof tier === 'string' ? { serviceTier: tier } : {}),
    ...(typeof model === 'string' && model.trim() !== '' ? { model: model.trim() } : {}),
  };
}

/**
 * The model to price: `--model`, else the one the response body names.
 * @throws UsageError when neither gives one, or the body's id has control characters.
 */
function modelOf(flag: string | undefined, body: { model?: string }): string {
  if (flag !== undefined) return flag;
  if (body.model === undefined) {
    throw new UsageError(
      'no model: pass --model ID (a bare usage object does not say which model it was)',
    );
  }
  const problem = modelIdProblem(body.model);
  if (problem) throw new UsageError(`the response body's ${problem}`);
  return body.model;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `--at`: a day (`2026-03-13`, from UTC midnight, as price dates are published) or an ISO time
 * with a zone (`2026-03-13T09:30:00Z`), as epoch milliseconds.
 * @throws UsageError naming the accepted forms.
 */
export function parseAtDate(text: string): number {
  const trimmed = text.trim();
  const ms = DATE_ONLY.test(trimmed)
    ? Date.parse(`${trimmed}T00:00:00Z`)
    : /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)
      ? Date.parse(trimmed)
      : Number.NaN;
  const roundTrips =
    Number.isFinite(ms) &&
    (!DATE_ONLY.test(trimmed) || new Date(ms).toISOString().startsWith(trimmed));
  if (!roundTrips) {
    throw new UsageError(
      `--at must be a date such as 2026-03-13 or a time such as 2026-03-13T09:30:00Z (got "${text}")`,
    );
  }
  return ms;
}

function shapeHint(provider: string | undefined): 'openai' | 'anthropic' | undefined {
  if (provider === undefined) return undefined;
  const name = provider.toLowerCase();
  if (name === 'anthropic') return 'anthropic';
  if (OPENAI_SHAPED.has(name)) return 'openai';
  throw new UsageError(
    `unknown --provider "${provider}": use openai or anthropic (the wire shape of the usage object)`,
  );
}

/**
 * `chatmeter cost`: prices one raw usage object (Chat Completions, Responses or Messages) for a
 * model and prints the exact cost, as a table or as JSON (DESIGN §4), at the service tier
 * (`--service-tier`, else the body's `service_tier`) and at the prices in force on `--at`. A
 * charge the provider put in the usage (OpenRouter `cost`, xAI `cost_in_usd_ticks`) is the cost,
 * with the list price beside it. An unknown model prints its tokens as unpriced with a hint on
 * stderr and still exits 0.
 * @throws UsageError (exit 2) for missing or malformed usage; PricingError for a bad pricing file.
 */
export const runCost: CommandHandler<CostOptions> = async (options, io) => {
  const hintFromFlag = shapeHint(options.provider);
  const atMs = options.at === undefined ? undefined : parseAtDate(options.at);
  const { text, from } = await readUsageText(options, io);
  const body = parseUsageJson(text, from);
  const model = modelOf(options.model, body);
  const { table, notices } = await loadPriceTableWithConfig(io.env, options.pricing);
  for (const notice of notices) io.stderr.write(`chatmeter: warning: ${notice}\n`);
  const price = table.resolve(model);
  const modelProvider = price?.provider ?? inferProvider(model);
  const hint = hintFromFlag ?? (modelProvider === 'anthropic' ? 'anthropic' : 'openai');
  const { usage, warnings, reportedCost } = normalizeUsage(body.raw, hint);
  for (const warning of warnings) io.stderr.write(`chatmeter: warning: ${warning}\n`);
  const serviceTier = options.serviceTier ?? body.serviceTier;
  const priceOptions = {
    ...(serviceTier === undefined ? {} : { serviceTier }),
    ...(atMs === undefined ? {} : { atMs }),
  };
  const priced = priceUsage(table, model, usage, priceOptions);
  const input = {
    model: model,
    usage,
    priced,
    options: priceOptions,
    ...(options.at === undefined ? {} : { at: options.at.trim() }),
    ...(reportedCost ? { reportedCost } : {}),
  };
  io.stdout.write(options.json ? renderCostJson(input) : renderCostText(input));
  if (priced.price && !priced.cost && !reportedCost) {
    io.stderr.write(
      `chatmeter: no ${serviceTier} service-tier price for model "${model}"; its cost is unpriced\n`,
    );
  }
  if (!priced.price && !reportedCost) {
    const provider = options.provider?.toLowerCase() ?? modelProvider ?? 'openai';
    const example = `{"models": {${JSON.stringify(model)}: {"provider": ${JSON.stringify(provider)}, "input": 1.25, "output": 10}}}`;
    io.stderr.write(
      `chatmeter: no price for model "${model}" (see chatmeter models); add one with --pricing FILE, e.g. ${example} (USD per 1M tokens)\n`,
    );
  }
  return 0;
};
