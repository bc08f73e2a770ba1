/**
 * The architecture of chatmeter as data: its parts (which files each one holds), the arrows
 * between parts an import may follow, the arrows no import may follow (each with its reason),
 * and which parts may import which packages. `tests/architecture.test.ts` maps every import in
 * `src/` onto these rules; `docs/ARCHITECTURE.md` explains them in prose. Change the rules here,
 * with the reason, when the design changes; never to make one import pass.
 */

/** A part of the program: a folder (or a few files) with one job. */
export interface Part {
  /** Short name used in the arrows below and in the test's messages. */
  readonly name: string;
  /**
   * Paths relative to the project root without extension: `dir/` holds everything under it,
   * `dir/*` only the files directly in it, anything else is one file (`src/cli` is
   * `src/cli.tsx`). The longest match wins.
   */
  readonly paths: readonly string[];
  /** What the part is for (shown in docs/ARCHITECTURE.md). */
  readonly job: string;
  /** Core parts: no React, Ink, UI or app code, and no loops between them. */
  readonly core?: boolean;
}

/** Every part of `src/` (and the two data files outside it that code imports). */
export const PARTS: readonly Part[] = [
  {
    name: 'cli',
    paths: ['src/cli', 'src/cli/'],
    job: 'composition root: parses argv, builds services, runs the REPL, one-shot or a subcommand',
  },
  { name: 'ui', paths: ['src/ui/'], job: 'Ink components, hooks and the REPL reducer' },
  {
    name: 'commands',
    paths: ['src/commands/'],
    job: 'slash commands: data in, result out, no UI calls',
  },
  {
    name: 'reports',
    paths: ['src/reports/'],
    job: 'text, JSON, CSV, markdown: session/ summary, history/ reports, prices/, text/ layout',
  },
  { name: 'proxy', paths: ['src/proxy/'], job: '`chatmeter proxy`: meters other tools’ calls' },
  { name: 'telemetry', paths: ['src/telemetry/'], job: 'OpenTelemetry metrics of recorded calls' },
  {
    name: 'core/conversations',
    paths: ['src/core/conversations/'],
    job: 'saved conversations: their own SQLite store, saving each turn, resuming one',
    core: true,
  },
  {
    name: 'core/chat',
    paths: ['src/core/chat/'],
    job: 'the chat session: history, send(), abort, events; settles each call',
    core: true,
  },
  {
    name: 'core/budget',
    paths: ['src/core/budget/'],
    job: 'budget limits, spend and the pre-flight guard',
    core: true,
  },
  {
    name: 'core/ledger',
    paths: ['src/core/ledger/'],
    job: 'the SQLite ledger: recording calls and sessions, and its queries',
    core: true,
  },
  {
    name: 'core/config',
    paths: ['src/core/config/'],
    job: 'the settings file: keys, schema, loading, chat defaults',
    core: true,
  },
  {
    name: 'core/files',
    paths: ['src/core/files/'],
    job: 'text files attached to a message: reading, refusing, path completion, their cost',
    core: true,
  },
  {
    name: 'core/providers',
    paths: ['src/core/providers/'],
    job: 'openai, anthropic and mock adapters: the only importers of the SDKs',
    core: true,
  },
  {
    name: 'core/pricing',
    paths: ['src/core/pricing/'],
    job: 'price data, model id resolution and cost',
    core: true,
  },
  {
    name: 'core/tokens',
    paths: ['src/core/tokens/'],
    job: 'token counting with the o200k tokenizer, for estimates',
    core: true,
  },
  {
    name: 'core/usage',
    paths: ['src/core/usage/'],
    job: 'normalised usage and call records, the session tracker, summaries',
    core: true,
  },
  {
    name: 'core/common',
    paths: ['src/core/*'],
    job: 'leaf helpers every part may use: errors, paths, decimal text, terminal text, model ids',
    core: true,
  },
  { name: 'price-data', paths: ['models.pricing'], job: 'curated prices, data only' },
  { name: 'package', paths: ['package.json'], job: 'the package manifest (the version)' },
];

/**
 * The arrows an import may follow: part -> the parts it may import. Everything else is refused,
 * so a new arrow is a design decision made here. Inside the core the arrows point down a fixed
 * order (conversations, chat, budget, ledger, config, files, providers, pricing, tokens, usage,
 * common): contracts a lower part hands up live in the lower part.
 */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  cli: [
    'core/conversations',
    'ui',
    'commands',
    'reports',
    'proxy',
    'telemetry',
    'core/chat',
    'core/budget',
    'core/ledger',
    'core/config',
    'core/files',
    'core/providers',
    'core/pricing',
    'core/tokens',
    'core/usage',
    'core/common',
    'package',
  ],
  ui: [
    'commands',
    'reports',
    'core/chat',
    'core/budget',
    'core/files',
    'core/providers',
    'core/pricing',
    'core/usage',
    'core/common',
  ],
  commands: [
    'core/conversations',
    'reports',
    'core/chat',
    'core/budget',
    'core/files',
    'core/pricing',
    'core/usage',
    'core/common',
  ],
  reports: [
    'core/conversations',
    'core/chat',
    'core/budget',
    'core/files',
    'core/pricing',
    'core/usage',
    'core/common',
  ],
  proxy: [
    'core/chat',
    'core/budget',
    'core/providers',
    'core/pricing',
    'core/tokens',
    'core/usage',
    'core/common',
  ],
  telemetry: [
    'core/budget',
    'core/ledger',
    'core/providers',
    'core/pricing',
    'core/usage',
    'core/common',
  ],
  'core/conversations': [
    'core/chat',
    'core/ledger',
    'core/providers',
    'core/pricing',
    'core/usage',
    'core/common',
  ],
  'core/chat': [
    'core/budget',
    'core/providers',
    'core/pricing',
    'core/tokens',
    'core/usage',
    'core/common',
  ],
  'core/budget': [
    'core/ledger',
    'core/config',
    'core/pricing',
    'core/tokens',
    'core/usage',
    'core/common',
  ],
  'core/ledger': ['core/usage', 'core/common'],
  'core/config': ['core/files', 'core/pricing', 'core/common'],
  // providers: a file's cost depends on whether the provider caches the prompt carrying it.
  'core/files': ['core/providers', 'core/pricing', 'core/tokens', 'core/common'],
  'core/providers': ['core/tokens', 'core/usage', 'core/common'],
  'core/pricing': ['core/usage', 'core/common', 'price-data'],
  'core/tokens': [],
  'core/usage': ['core/common'],
  'core/common': [],
  'price-data': [],
  package: [],
};

/** An arrow no import may follow, and why. `*` stands for every part; `core/*` for the core. */
export interface ForbiddenArrow {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** Arrows refused with a reason (checked before ALLOWED, so the message says why). */
export const FORBIDDEN: readonly ForbiddenArrow[] = [
  {
    from: 'core/*',
    to: 'cli',
    reason: 'the core knows nothing of the program around it; cli builds it and passes services in',
  },
  { from: 'core/*', to: 'ui', reason: 'the core has no React or Ink; it emits events the UI shows' },
  { from: 'core/*', to: 'commands', reason: 'commands call the core, never the reverse' },
  { from: 'core/*', to: 'reports', reason: 'reports format what the core computed' },
  { from: 'core/*', to: 'proxy', reason: 'the proxy is a client of the core' },
  { from: 'core/*', to: 'telemetry', reason: 'telemetry observes recorded calls through a CallSink' },
  {
    from: 'core/usage',
    to: 'core/providers',
    reason: 'usage owns the wire shapes of usage; providers hand usage up, never the reverse',
  },
  {
    from: 'core/pricing',
    to: 'core/providers',
    reason: 'prices are about models, not adapters; providers never decide a cost',
  },
  {
    from: 'core/usage',
    to: 'core/pricing',
    reason: 'cost is computed over usage, so pricing sits above usage',
  },
  {
    from: 'core/tokens',
    to: 'core/providers',
    reason: 'providers use the estimator for their own counts; it takes plain text',
  },
  { from: 'commands', to: 'ui', reason: 'commands return data; the UI decides how to show it' },
  { from: 'commands', to: 'cli', reason: 'commands get what they need passed in' },
  { from: 'reports', to: 'ui', reason: 'reports return text; they never draw' },
  { from: 'reports', to: 'commands', reason: 'commands call reports, never the reverse' },
  { from: 'reports', to: 'cli', reason: 'reports take data in and return text' },
  {
    from: 'reports',
    to: 'core/providers',
    reason: 'reports format figures; which provider a model id belongs to is in core/model-id',
  },
  {
    from: 'reports',
    to: 'core/ledger',
    reason: 'reports take rows in; the command that needs them queries the ledger and hands them in',
  },
  { from: 'telemetry', to: 'ui', reason: 'telemetry runs headless, also from one-shot and proxy' },
  { from: 'telemetry', to: 'reports', reason: 'telemetry exports figures, not text' },
  { from: '*', to: 'cli', reason: 'cli is the composition root: it imports the rest, nothing imports it' },
];

/** Packages only some parts may import, and why. */
export interface PackageRule {
  /** Package names (a name matches itself and its subpaths). */
  readonly packages: RegExp;
  /** The parts that may import them. */
  readonly only: readonly string[];
  readonly reason: string;
}

/** Package rules (a package no rule names may be imported anywhere). */
export const PACKAGE_RULES: readonly PackageRule[] = [
  {
    packages: /^(openai|@anthropic-ai\/sdk)(\/|$)/,
    only: ['core/providers'],
    reason: 'only the provider adapters talk to an SDK; the rest sees our own types',
  },
  {
    packages: /^@opentelemetry\//,
    only: ['telemetry'],
    reason: 'only telemetry loads OpenTelemetry (lazily, off the start-up path)',
  },
  {
    packages: /^(react|ink|ink-[\w-]+|@inkjs\/[\w-]+)(\/|$)/,
    only: ['ui', 'cli'],
    reason: 'the screen is drawn by the UI, which cli renders; the rest never draws',
  },
];

/** The only file that may call `console.*` or `process.exit` (STYLE: one place decides exits). */
export const CONSOLE_AND_EXIT_FILE = 'src/cli.tsx';
