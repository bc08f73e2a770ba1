import { Command, Option } from 'commander';
import { version } from '../../package.json';
import { nearestName } from '../commands/parse';
import { sanitizeTerminalLine } from '../core/terminal-text';
import { httpUrl, modelId, portNumber, positiveInteger, usdAmount } from './arguments';
import type { Io } from './io';
import type { ChatOptions, ConfigCommand } from './options';
import type { ProxyOptions } from './proxy';
import type { StatusOptions } from './status';
import { addUsageCommands } from './usage-program';
import { addConversationsCommands } from './conversations-program';

/** Runs a subcommand's handler and keeps its exit code for the entry point. */
export type RunHandler = (handler: () => Promise<number>) => Promise<void>;

/**
 * The command line as a commander program: the chat's options and every subcommand, each
 * loading its handler lazily (so `--version`, `cost` and `models` never load ink or an SDK) and
 * passing it to `run`.
 */
export function buildProgram(io: Io, run: RunHandler): Command {
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
    .option(
      '-f, --file <path>',
      'attach a text file to the message (repeatable; with -p, piped stdin goes in too)',
      (path: string, paths: string[] = []) => [...paths, path],
    )
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
    .addOption(
      new Option(
        '--cache <ttl>',
        'prompt caching: cache the conversation for 5m or 1h, or off (default 5m)',
      ).choices(['5m', '1h', 'off']),
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
      const { runChat } = await import('./chat');
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
      const { runCost } = await import('./cost');
      await run(() => runCost(options, io));
    });

  const models = program
    .command('models')
    .description('list models with prices, context window and where each price comes from')
    .option('--pricing <file>', 'JSON file with extra or overriding prices')
    .option('--all', 'every priced model, not only the ones chatmeter offers')
    .option('--json', 'print JSON')
    .action(async (options) => {
      const { runModels } = await import('./models');
      await run(() => runModels(options, io));
    });
  models
    .command('update')
    .description('fetch the latest genai-prices data, show what changes, and use it from now on')
    .addOption(new Option('--url <url>', 'fetch from this URL').conflicts('file'))
    .option('--file <file>', 'read a downloaded copy instead of fetching')
    .option('--dry-run', 'show what would change; store nothing')
    .action(async (options) => {
      const { runModelsUpdate } = await import('./models-update');
      await run(() => runModelsUpdate(options, io));
    });

  addUsageCommands(program, io, run);
  addConversationsCommands(program, io, run);

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
      const { runProxy } = await import('./proxy');
      await run(() => runProxy(options, io));
    });

  program
    .command('status')
    .description('one line for shell prompts: spend today and this month, budget, proxy')
    .addOption(new Option('--format <format>', 'output format').choices(['line', 'json']).default('line'))
    .action(async (options: StatusOptions) => {
      const { runStatus } = await import('./status');
      await run(() => runStatus(options, io));
    });

  const config = program.command('config').description('persistent settings');
  const configAction =
    (action: ConfigCommand['action']) => async (key?: string, value?: string) => {
      const { runConfig } = await import('./config');
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
