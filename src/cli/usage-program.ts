import { type Command, Option } from 'commander';
import type { Io } from './io';
import type { UsageCommand, UsageReportOptions } from './options';
import { positiveInteger, usdAmount } from './arguments';
import type { RunHandler } from './program';

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

/** Adds `usage` and its subcommands (`sessions`, `show`, `cache`, `export`) to the program. */
export function addUsageCommands(program: Command, io: Io, run: RunHandler): void {
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
    await runUsage({ subcommand: 'report', options }, io, run);
  });
  addReportOptions(usage.command('sessions').description('sessions, most expensive first'))
    .addOption(
      new Option('--top <n>', 'only the N most expensive sessions (tables: 20 by default)')
        .argParser(positiveInteger)
        .conflicts('all'),
    )
    .option('--all', 'every session (tables show the 20 most expensive by default)')
    .action(async (options: UsageReportOptions) => {
      await runUsage({ subcommand: 'sessions', options }, io, run);
    });
  // A session is chosen by its id, mock or real: no date or mock selection applies.
  addOutputOptions(
    usage
      .command('show')
      .description("one session's summary")
      .argument('<session>', 'a session id (or a unique prefix), or "last" (mock sessions too)'),
  ).action(async (sessionRef: string, options: UsageReportOptions) => {
    await runUsage({ subcommand: 'show', sessionRef, options }, io, run);
  });
  addReportOptions(
    usage.command('cache').description('cache hit rate and savings by model'),
  ).action(async (options: UsageReportOptions) => {
    await runUsage({ subcommand: 'cache', options }, io, run);
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
      const { runUsageExport } = await import('./usage-export');
      await run(() => runUsageExport(options, io));
    });
}

async function runUsage(command: UsageCommand, io: Io, run: RunHandler): Promise<void> {
  const { runUsageCommand } = await import('./usage');
  await run(() => runUsageCommand(command, io));
}
