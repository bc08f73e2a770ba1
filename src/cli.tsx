#!/usr/bin/env node
/**
 * Entry point: parses argv, runs the chosen handler (loaded lazily so `--version`, `cost` and
 * `models` never load ink or an SDK) and exits with its code. The only module that writes to the
 * console or calls `process.exit`.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// A namespace import: a named one of a function an older Node lacks would fail to link before
// the version check below could say what to do.
import * as nodeModule from 'node:module';
import { format } from 'node:util';
import { version } from '../package.json';
import type { Io } from './cli/io';
import { nodeVersionProblem } from './cli/node-version';
import type {
  ChatOptions,
  ConfigCommand,
  ConversationsCommand,
  UsageCommand,
  UsageReportOptions,
} from './cli/options';
import type { ProxyOptions } from './cli/proxy';
import type { StatusOptions } from './cli/status';
import { nearestName } from './commands/parse';
import { ChatmeterError, errorMessage } from './core/errors';
import { BASE_URL_EXAMPLE, isHttpUrl } from './core/http-url';
import { modelIdProblem } from './core/model-id';
import { redactSecrets } from './core/redact';
import { sanitizeTerminalLine } from './core/terminal-text';

// Node keeps the compiled code of the chunks loaded from here on (the chat's Ink, React and SDK
// chunks) in its on-disk cache: about a tenth off each later start. NODE_DISABLE_COMPILE_CACHE=1
// turns it off.
nodeModule.enableCompileCache?.();

// A reader that goes away (`| head -1`) is not an error: handlers see the signal and stop
// writing; any other stdout failure is reported like every unexpected error.
const stdoutClosed = new AbortController();
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') stdoutClosed.abort();
  else process.stderr.write(`chatmeter: cannot write to stdout: ${error.message}\n`);
});

// Libraries warn through console.warn (the Anthropic SDK, about a deprecated model, on every
// call): outside the chat's screen that goes to stderr in our own format, each message once.
// The chat's Ink app draws console output itself while it is on screen.
const warnedAlready = new Set<string>();
console.warn = (...args: unknown[]) => {
  const text = format(...args).trim();
  if (text === '' || warnedAlready.has(text)) return;
  warnedAlready.add(text);
  process.stderr.write(`chatmeter: warning: ${text}\n`);
};

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  stdoutClosed: stdoutClosed.signal,
  // console.error is stderr; while the chat's Ink app is on screen it draws the line above the
  // live area (patchConsole) instead of tearing the frame.
  log: (line) => console.error(line),
};

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('Expected a positive integer.');
  return n;
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError('Expected a port number from 0 to 65535 (0 picks a free one).');
  }
  return n;
}

function usdAmount(value: string): string {
  if (!/^\d+(\.\d+)?$/.test(value.trim())) {
    throw new InvalidArgumentError('Expected an amount in USD such as 5 or 0.25.');
  }
  return value.trim();
}

function modelId(value: string): string {
  const problem = modelIdProblem(value);
  if (problem) throw new InvalidArgumentError(`The ${problem}`);
  return value;
}

function httpUrl(value: string): string {
  if (!isHttpUrl(value)) {
    throw new InvalidArgumentError(`Expected an http(s) URL such as ${BASE_URL_EXAMPLE}.`);
  }
  return value.trim();
}

/** `--format` and `--output`, which every `usage` report takes. */
function addOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'csv', 'markdown'])
        .default('table'),
    )
    .option('--output <file>', 'write the report to a file instead of stdout');
}

/** The options that select calls (dates, mock calls, time zone) and the output options. */
function addReportOptions(command: Command): Command {
  return addOutputOptions(
    command
      .option('--since <date>', 'first day to include (YYYY-MM-DD)')
      .option('--until <date>', 'last day to include (YYYY-MM-DD)')
      .addOption(
        new Option('--period <period>', 'a named period').choices([
          'today',
          'week',
          'month',
          'last-week',
          'last-month',
          'all',
        ]),
      ),
  )
    .option('--include-mock', 'include mock-mode calls')
    .option('--utc', 'use UTC days instead of local time');
}

let exitCode = 0;

async function run(handler: () => Promise<number>): Promise<void> {
  exitCode = await handler();
}

function buildProgram(): Command {
  // exitOverride before any subcommand is added: subcommands copy it, so their parse errors
  // also exit 2 through main() instead of commander's own process.exit(1).
  const program = new Command('chatmeter')
    .exitOverride()
    // Commander's own parse errors read like ours: `chatmeter: ...`, not `error: ...`.
    .configureOutput({
      // An argument echoed in the message (a model id) may hold controls: shown visibly, one line.
      outputError: (text, write) =>
        write(`${sanitizeTerminalLine(text.replace(/^error: /, 'chatmeter: ').trimEnd())}\n`),
    })
    .description('A terminal chat that meters every call: exact tokens and exact cost.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    .enablePositionalOptions()
    .option('-p, --print <text>', 'one-shot: send <text>, print the reply, usage on stderr')
    .option('-m, --model <id>', 'model id, e.g. gpt-5-mini or claude-sonnet-4-5', modelId)
    .addOption(
      new Option('--provider <name>', 'provider (inferred from the model id when omitted)').choices(
        ['openai', 'anthropic', 'mock'],
      ),
    )
    .option(
      '--base-url <url>',
      'base URL of an OpenAI-compatible or Anthropic-compatible server',
      httpUrl,
    )
    .option('--mock', 'offline mock mode: simulated replies, real token counting')
    .option('--system <text>', 'system prompt')
    .option('--max-tokens <n>', 'maximum output tokens per reply', positiveInteger)
    .option(
      '--timeout <seconds>',
      'give up a call after this many seconds without a byte from the provider (default 120)',
      positiveInteger,
    )
    .addOption(
      new Option('--api <api>', 'OpenAI API to use').choices(['chat', 'responses']).default('chat'),
    )
    .addOption(
      new Option('--service-tier <tier>', 'OpenAI processing tier, priced at its rates').choices([
        'auto',
        'default',
        'flex',
        'priority',
      ]),
    )
    .option('--no-stream', 'send one plain request instead of streaming')
    .option('--pricing <file>', 'JSON file with extra or overriding prices')
    .option('--budget <usd>', "this session's budget in USD", usdAmount)
    .option('--json', 'one-shot: print one JSON object on stdout')
    .option('--no-ledger', 'do not record this session in the usage ledger')
    .option('--no-color', 'no colours')
    .option('-c, --continue', 'continue the latest saved conversation (with -p too)')
    .addOption(
      new Option('--resume <id>', 'continue a saved conversation by id or unique prefix').conflicts(
        'continue',
      ),
    )
    .option('--no-save', 'save nothing of this conversation')
    .action(async (options: ChatOptions, command: Command) => {
      const stray = command.args[0];
      if (stray !== undefined) {
        const near = nearestName(stray, command.commands.map((c) => c.name()));
        const hint = near ? ` (Did you mean ${near}?)` : '';
        command.error(`error: unknown command '${stray}'${hint}; see chatmeter --help.`);
      }
      const { runChat } = await import('./cli/chat');
      await run(() => runChat(options, io));
    });

  program
    .command('cost')
    .description('price one raw usage object as a provider returned it')
    .option('--model <id>', 'model id (default: the model a whole response body names)', modelId)
    .option('--provider <name>', 'usage shape when the fields do not tell: openai or anthropic')
    .option('--usage <json>', 'the usage object as JSON (else --usage-file, else stdin)')
    .option('--usage-file <file>', 'read the usage object from a file')
    .option('--pricing <file>', 'JSON file with extra or overriding prices')
    .addOption(
      new Option('--service-tier <tier>', "price at a service tier's rates").choices([
        'auto',
        'default',
        'flex',
        'priority',
        'batch',
      ]),
    )
    .option('--at <date>', 'price at the rates in force on a date (YYYY-MM-DD)')
    .option('--json', 'print JSON')
    .action(async (options) => {
      const { runCost } = await import('./cli/cost');
      await run(() => runCost(options, io));
    });

  const models = program
    .command('models')
    .description('list models with prices, context window and where each price comes from')
    .option('--pricing <file>', 'JSON file with extra or overriding prices')
    .option('--all', 'every priced model, not only the ones chatmeter offers')
    .option('--json', 'print JSON')
    .action(async (options) => {
      const { runModels } = await import('./cli/models');
      await run(() => runModels(options, io));
    });
  models
    .command('update')
    .description('fetch the latest genai-prices data, show what changes, and use it from now on')
    .addOption(new Option('--url <url>', 'fetch from this URL').conflicts('file'))
    .option('--file <file>', 'read a downloaded copy instead of fetching')
    .option('--dry-run', 'show what would change; store nothing')
    .action(async (options) => {
      const { runModelsUpdate } = await import('./cli/models-update');
      await run(() => runModelsUpdate(options, io));
    });

  const usage = addReportOptions(
    program
      .command('usage')
      .description('usage history from the ledger')
      .addOption(
        new Option('--by <group>', 'group rows by')
          .choices(['day', 'week', 'month', 'model', 'provider', 'session', 'tier', 'tool'])
          .default('day'),
      )
      .option('--fail-over <usd>', 'exit 3 when the selection costs more than this', usdAmount),
  ).action(async (options: UsageReportOptions) => {
    await runUsage({ subcommand: 'report', options });
  });
  addReportOptions(usage.command('sessions').description('sessions, most expensive first'))
    .addOption(
      new Option('--top <n>', 'only the N most expensive sessions (tables: 20 by default)')
        .argParser(positiveInteger)
        .conflicts('all'),
    )
    .option('--all', 'every session (tables show the 20 most expensive by default)')
    .action(async (options: UsageReportOptions) => {
      await runUsage({ subcommand: 'sessions', options });
    });
  // A session is chosen by its id, mock or real: no date or mock selection applies.
  addOutputOptions(
    usage
      .command('show')
      .description("one session's summary")
      .argument('<session>', 'a session id (or a unique prefix), or "last" (mock sessions too)'),
  ).action(async (sessionRef: string, options: UsageReportOptions) => {
    await runUsage({ subcommand: 'show', sessionRef, options });
  });
  addReportOptions(
    usage.command('cache').description('cache hit rate and savings by model'),
  ).action(async (options: UsageReportOptions) => {
    await runUsage({ subcommand: 'cache', options });
  });

  program
    .command('proxy')
    .description('a local OpenAI- and Anthropic-compatible proxy that meters the calls of any tool')
    .option('--port <n>', 'port to listen on (0 picks a free one)', portNumber, 8787)
    .option('--host <host>', 'interface to listen on (other than loopback needs --token)', '127.0.0.1')
    .option('--openai-upstream <url>', 'OpenAI base URL, ending in /v1', httpUrl, 'https://api.openai.com/v1')
    .option('--anthropic-upstream <url>', 'Anthropic base URL (the server root)', httpUrl, 'https://api.anthropic.com')
    .option('--tag <name>', 'record every call under this tool name instead of the User-Agent')
    .option('--force-usage', 'ask streamed Chat Completions for usage (the client does not see it)')
    .option('--token <secret>', 'require this token on every request (x-chatmeter-token or /t/<token>)')
    .option('--budget <usd>', "this proxy session's budget in USD", usdAmount)
    .option('--pricing <file>', 'JSON file with extra or overriding prices')
    .option('--upstream-timeout <seconds>', 'longest wait for the upstream', positiveInteger, 600)
    .option('--no-ledger', 'do not record calls in the usage ledger')
    .option('--no-color', 'no colours')
    .action(async (options: ProxyOptions) => {
      const { runProxy } = await import('./cli/proxy');
      await run(() => runProxy(options, io));
    });

  program
    .command('status')
    .description('one line for shell prompts: spend today and this month, budget, proxy')
    .addOption(new Option('--format <format>', 'output format').choices(['line', 'json']).default('line'))
    .action(async (options: StatusOptions) => {
      const { runStatus } = await import('./cli/status');
      await run(() => runStatus(options, io));
    });

  usage
    .command('export')
    .description('send ledger calls to an OpenTelemetry collector (OTLP), or write them as OTLP JSON')
    .option('--otlp', 'send calls not sent yet to OTEL_EXPORTER_OTLP_ENDPOINT')
    .addOption(new Option('--format <format>', 'write the payload instead').choices(['otlp-json']))
    .option('--output <file>', 'with --format: write to a file instead of stdout')
    .option('--since <date>', 'first day to include (YYYY-MM-DD)')
    .option('--all', 'also calls already sent')
    .option('--utc', 'use UTC days instead of local time')
    .action(async (options) => {
      const { runUsageExport } = await import('./cli/usage-export');
      await run(() => runUsageExport(options, io));
    });

  const conversations = program
    .command('conversations')
    .description('saved conversations: list, show, remove, export');
  const conversationsAction =
    (action: ConversationsCommand['action']) =>
    async (...args: unknown[]) => {
      const id = typeof args[0] === 'string' ? args[0] : undefined;
      const options = args.find((arg): arg is Partial<ConversationsCommand> =>
        Boolean(arg && typeof arg === 'object' && !(arg instanceof Command)),
      );
      const { runConversations } = await import('./cli/conversations');
      await run(() => runConversations({ ...options, action, id }, io));
    };
  conversations
    .command('list', { isDefault: true })
    .description('saved conversations, latest first')
    .option('--limit <n>', 'at most this many', positiveInteger)
    .option('--json', 'print JSON')
    .action(conversationsAction('list'));
  conversations
    .command('show')
    .description('print a conversation')
    .argument('<id>', 'conversation id or a unique prefix')
    .action(conversationsAction('show'));
  conversations
    .command('rm')
    .description('delete a conversation (its usage stays in the ledger)')
    .argument('<id>', 'conversation id or a unique prefix')
    .action(conversationsAction('rm'));
  conversations
    .command('export')
    .description('write a conversation as Markdown or JSON')
    .argument('<id>', 'conversation id or a unique prefix')
    .addOption(
      new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'),
    )
    .action(conversationsAction('export'));

  const config = program.command('config').description('persistent settings');
  const configAction =
    (action: ConfigCommand['action']) => async (key?: string, value?: string) => {
      const { runConfig } = await import('./cli/config');
      const command: ConfigCommand = { action, key, value };
      await run(() => runConfig(command, io));
    };
  config
    .command('get')
    .description('print a setting (all of them without a key)')
    .argument('[key]', 'setting, e.g. budget.monthlyUsd')
    .action(configAction('get'));
  config
    .command('set')
    .description('change a setting (validated; API keys are never stored)')
    .argument('<key>', 'setting, e.g. budget.dailyUsd')
    .argument('<value>', 'new value, e.g. 5')
    .action(configAction('set'));
  config
    .command('unset')
    .description('back to the default')
    .argument('<key>', 'setting')
    .action(configAction('unset'));
  config.command('list').description('all settings').action(configAction('list'));
  config
    .command('path')
    .description('where settings and the ledger live')
    .action(configAction('path'));

  // After the subcommands (which would inherit it): a stray word reaches the chat action, which
  // names it as an unknown command instead of commander's "too many arguments".
  program.allowExcessArguments(true);
  return program;
}

async function runUsage(command: UsageCommand): Promise<void> {
  const { runUsageCommand } = await import('./cli/usage');
  await run(() => runUsageCommand(command, io));
}

/** DEBUG=chatmeter: the error with its causes and stack, API keys redacted (an SDK error's body may echo one). */
function debugDetails(error: unknown): void {
  const keys = [process.env.OPENAI_API_KEY, process.env.ANTHROPIC_API_KEY].filter(
    (key): key is string => Boolean(key?.trim()),
  );
  process.stderr.write(`${redactSecrets(format(error), keys)}\n`);
}

function report(error: unknown): number {
  if (error instanceof ChatmeterError) {
    process.stderr.write(`chatmeter: ${error.message}\n`);
    if (process.env.DEBUG?.includes('chatmeter')) debugDetails(error);
    return error.exitCode;
  }
  process.stderr.write(`chatmeter: unexpected error: ${errorMessage(error)}\n`);
  if (process.env.DEBUG?.includes('chatmeter')) debugDetails(error);
  else process.stderr.write('Run again with DEBUG=chatmeter for details.\n');
  return 1;
}

async function main(): Promise<void> {
  const tooOld = nodeVersionProblem(process.versions.node);
  if (tooOld) {
    process.stderr.write(`${tooOld}\n`);
    process.exit(1);
  }
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; parse errors were already printed.
      exitCode = error.exitCode === 0 ? 0 : 2;
    } else {
      exitCode = report(error);
    }
  }
  // Let pending stdout writes drain before exiting (piped output can be asynchronous).
  process.stdout.write('', () => process.exit(exitCode));
}

await main();
