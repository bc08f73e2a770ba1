import { randomUUID } from 'node:crypto';
import { version } from '../../package.json';
import { budgetBadge, type BudgetBadge } from '../core/budget/messages';
import type { BudgetMonitor } from '../core/budget/monitor';
import { setUpBudget } from '../core/budget/setup';
import { lazyTokenEstimator } from '../core/tokens/estimate';
import { ChatSession } from '../core/chat/session';
import { unpricedModelNotice } from '../core/chat/session-types';
import type { CallSink, SessionMode } from '../core/usage/types';
import { loadChatConfig } from '../core/config/chat-defaults';
import { FileAttacher } from '../core/files/attacher';
import { deferLedgerRecording } from '../core/ledger/recording';
import { resolvePaths } from '../core/paths';
import { loadPriceTable } from '../core/pricing/table';
import type { PriceTable } from '../core/pricing/types';
import {
  apiKeyOf,
  createMockProvider,
  createRealProvider,
  DEFAULT_MODELS,
  providerForModel,
  type RealProviderSettings,
} from '../core/providers/create';
import { baseUrlFromEnv } from '../core/providers/base-url';
import type { ChatProvider } from '../core/providers/types';
import { SessionUsageTracker } from '../core/usage/tracker';
import { telemetryEnabled } from '../telemetry/enabled';
import type { Io } from './io';
import type { ChatOptions } from './options';
import type { StartupNotice } from './startup-notice';
import { conversationRecorder, resumeSetup } from './conversation-setup';
import { resumedNotice } from '../reports/history/conversations';
import type { ConversationRecorder } from '../core/conversations/recorder';
import { ConversationSwitcher } from '../core/conversations/switcher';
import { loadedConversation } from '../core/conversations/resume';
import type { Conversation } from '../core/conversations/types';

/** Shown when a conversation is continued with saving off: it stays as it was saved. */
const UNSAVED_RESUME_NOTICE =
  'Its new turns are not saved (--no-save or conversations.save false); the saved conversation stays as it was.';

/** Shown when chatmeter falls back to mock mode because nothing selects a real provider. */
export const MOCK_FALLBACK_NOTICE =
  'No API key found: mock mode. Set OPENAI_API_KEY or ANTHROPIC_API_KEY to use a real provider (--mock --model <id> shows what a model would cost).';

/** A start-up notice about something to fix (shown with the warning mark in the REPL). */
const warning = (text: string): StartupNotice => ({ level: 'warn', text });

/** Everything a chat (REPL or one-shot) runs on; built once per process and injected. */
export interface ChatServices {
  readonly mode: SessionMode;
  readonly session: ChatSession;
  readonly tracker: SessionUsageTracker;
  readonly priceTable: PriceTable;
  /** Session start, epoch milliseconds. */
  readonly startedAtMs: number;
  /** Lines to show before the first prompt, each with its level (mock mode info, problems warn). */
  readonly startupNotices: StartupNotice[];
  /** Budgets: limits, spend, the pre-flight guard; its updates carry notices. */
  readonly budget: BudgetMonitor;
  /** The budget's state for the status bar; null when no limit is set. */
  readonly budgetBadge: () => BudgetBadge | null;
  /** Files attached to the next message (`/file`, `-f`, piped stdin with `-p`). */
  readonly files: FileAttacher;
  /** The saved conversation this chat continues (`--continue`, `--resume`), or null. */
  readonly resumed: Conversation | null;
  /** Saves each turn; null when saving is off (`--no-save`, `conversations.save false`). */
  readonly recorder: ConversationRecorder | null;
  /** `/resume`'s list and switch; null when saving is off. */
  readonly conversations: ConversationSwitcher | null;
  /**
   * Opens the usage ledger and writes the session row, when `buildChatServices` was asked to put
   * that off (the REPL calls it after its first frame; a call recorded earlier opens the ledger
   * itself). Returns the notices to show: a ledger that cannot be opened. Does nothing the second
   * time, or when the ledger is off or already open.
   */
  startRecording(): readonly string[];
  /** Releases what the services hold (the ledger); safe to call more than once. */
  close(): Promise<void>;
}

/** Options of {@link buildChatServices}. */
export interface BuildChatServicesOptions {
  /**
   * Leave the usage ledger closed until `startRecording()` or the first recorded call, so the
   * REPL draws its first frame without waiting for SQLite (about 10 ms). Default false: the
   * ledger is opened now and a warning about it is among `startupNotices`.
   */
  readonly deferRecording?: boolean;
}

/** Where the session's provider and model come from, decided from options and environment. */
export interface ProviderChoice {
  readonly mode: SessionMode;
  readonly model: string;
  /** The real provider at start (undefined in mock mode). */
  readonly provider?: 'openai' | 'anthropic';
  readonly notices: string[];
}

/**
 * Decides mock or real mode (DESIGN §2): `--mock`/`--provider mock` -> mock; a model or provider
 * given -> that provider (missing key: ConfigError exit 2 when the provider is built); nothing
 * given -> the provider whose key is set, else mock with a notice.
 */
export function chooseProvider(options: ChatOptions, env: NodeJS.ProcessEnv): ProviderChoice {
  const notices: string[] = [];
  if (options.mock || options.provider === 'mock') {
    return { mode: 'mock', model: options.model?.trim() || 'mock', notices };
  }
  const explicit = options.provider;
  if (options.model?.trim()) {
    const model = options.model.trim();
    // With a server's base URL, --provider names its API whatever the id looks like
    // (OpenRouter's `anthropic/claude-...` ids behind `--provider openai`).
    const onServer = explicit && (options.baseUrl || baseUrlFromEnv(env, explicit));
    const provider = onServer ? explicit : providerForModel(model, explicit);
    return { mode: 'real', model, provider, notices };
  }
  const provider =
    explicit ??
    (apiKeyOf(env, 'openai') ? 'openai' : apiKeyOf(env, 'anthropic') ? 'anthropic' : undefined);
  if (!provider) return { mode: 'mock', model: 'mock', notices: [MOCK_FALLBACK_NOTICE] };
  return { mode: 'real', model: DEFAULT_MODELS[provider], provider, notices };
}

/**
 * Builds the services of one chat: price table (`--pricing`), provider and model, tracker and
 * session. Sinks receive each call in order: a ledger goes before the tracker.
 * Throws ConfigError/PricingError (exit 2) for a missing key or a bad pricing file.
 */
export async function buildChatServices(
  flags: ChatOptions,
  io: Io,
  { deferRecording = false }: BuildChatServicesOptions = {},
): Promise<ChatServices> {
  // A resumed conversation's model and system prompt go under the flags, over the config's.
  const resume = resumeSetup(flags, io.env);
  // Settings: config defaults under the flags, base URLs, config pricing, budgets.
  const config = await loadChatConfig(resume.flags, io.env);
  const { flags: options, env } = config;
  const priceTable = await loadPriceTable({
    pricingFile: options.pricing,
    ...config.pricing,
    dataDir: resolvePaths(env).dataDir,
    baseUrl: options.baseUrl,
  });
  if (config.settings.prices.autoUpdate) {
    // Loaded only when on: it loads child_process, and with it net and the stream stack.
    const { refreshPricesInBackground } = await import('./price-refresh');
    refreshPricesInBackground(resolvePaths(env).dataDir, env);
  }
  const choice = chooseProvider(options, env);
  const startupNotices: StartupNotice[] = [
    ...config.problems.map(warning),
    ...(priceTable.data?.problem ? [warning(priceTable.data.problem)] : []),
    ...choice.notices.map((text) => ({ level: 'info' as const, text })),
    ...resume.warnings.map(warning),
  ];
  const estimator = lazyTokenEstimator();
  const settings: RealProviderSettings = {
    env,
    explicitProvider: options.provider === 'mock' ? undefined : options.provider,
    baseUrl: options.baseUrl,
    baseUrlProvider: choice.provider,
    api: options.api ?? 'chat',
    stream: options.stream,
    log: io.log ?? ((line) => io.stderr.write(`${line}\n`)),
    timeoutSeconds: options.timeout,
  };
  // Conversations are kept: so is the mock's prompt cache, which a resumed one reads from.
  const saving = options.save !== false && config.settings.conversations.save && resume.storeUsable;
  let provider: ChatProvider;
  if (choice.mode === 'mock') {
    const cacheFile = saving ? resolvePaths(env).mockCacheFile : undefined;
    provider = createMockProvider(env, estimator, cacheFile);
    if (options.baseUrl) startupNotices.push(warning('--base-url is ignored in mock mode.'));
  } else {
    provider = createRealProvider(choice.model, settings);
    if (options.api === 'responses' && choice.provider === 'anthropic') {
      startupNotices.push(
        warning('--api responses applies to OpenAI only; Anthropic uses Messages.'),
      );
    }
  }
  // A tier from the config is silent in mock mode; one given on the command line is not.
  const tierIgnored = choice.mode === 'real' || flags.serviceTier !== undefined;
  if (options.serviceTier && choice.provider !== 'openai' && tierIgnored) {
    const where = choice.mode === 'mock' ? 'in mock mode' : 'for Anthropic';
    startupNotices.push(warning(`--service-tier applies to OpenAI only; ignored ${where}.`));
  }
  if (choice.mode === 'real' && !priceTable.resolve(choice.model)) {
    startupNotices.push(warning(unpricedModelNotice(choice.model)));
  }
  const sessionId = randomUUID();
  const startedAtMs = Date.now();
  const tracker = new SessionUsageTracker({ sessionId, startedAtMs, mode: choice.mode });
  const sinks: CallSink[] = [tracker];
  const closers: (() => Promise<void> | void)[] = [];
  let startRecording = (): readonly string[] => [];
  const { ledgerFile } = resolvePaths(env);
  if (options.ledger) {
    // The ledger sink goes first, so a call is on disk before anything shows its cost.
    const recording = deferLedgerRecording(ledgerFile, {
      chatmeterVersion: version,
      sessionId,
      mode: choice.mode,
      startedAtMs,
    });
    sinks.unshift(recording.sink);
    startRecording = () => {
      const warning = recording.open();
      return warning === null ? [] : [warning];
    };
    closers.push(() => {
      const warning = recording.close();
      if (warning) io.stderr.write(`chatmeter: warning: ${warning}\n`);
    });
  }
  const recorder = conversationRecorder({
    save: saving,
    env,
    mode: choice.mode,
    resumed: resume.conversation,
  });
  if (recorder) closers.push(() => recorder.close());
  const openStores = () => openRecordingStores(startRecording, recorder);
  if (!deferRecording) startupNotices.push(...openStores().map(warning));
  const budget = await setUpBudget({
    settings: config.settings.budget,
    sessionBudgetUsd: options.budget,
    sessionId,
    mode: choice.mode,
    tracker,
    priceTable,
    ledgerFile,
    chatmeterVersion: version,
    context: options.print !== undefined || !io.stdin.isTTY ? 'one-shot' : 'interactive',
    estimator,
  });
  closers.push(budget.close);
  const session = new ChatSession({
    sessionId,
    provider,
    providerFactory: (model) => createRealProvider(model, settings),
    model: choice.model,
    system: options.system,
    maxTokens: options.maxTokens,
    ...(options.serviceTier ? { serviceTier: options.serviceTier } : {}),
    cache: options.cache ?? '5m',
    priceTable,
    sinks,
    mode: choice.mode,
    estimator,
    guard: budget.monitor.guard,
    ...(recorder ? { turns: recorder } : {}),
  });
  if (resume.conversation) {
    session.loadConversation(loadedConversation(resume.conversation, session));
    startupNotices.push({ level: 'info', text: resumedNotice(resume.conversation, choice.model) });
    if (!recorder) startupNotices.push({ level: 'info', text: UNSAVED_RESUME_NOTICE });
  }
  if (telemetryEnabled(env, config.settings.telemetry.enabled)) {
    // Loaded only when on (off the start-up path); its sink goes after the ledger, its flush
    // runs first on close.
    const { wireTelemetry } = await import('./telemetry');
    const telemetry = wireTelemetry({
      options,
      env,
      io,
      sessionId,
      ledgerFile,
      mode: choice.mode,
      baseUrlProvider: choice.provider,
    });
    sinks.push(telemetry.sink);
    budget.monitor.subscribe(telemetry.onBudget);
    startupNotices.push(...telemetry.notices);
    closers.push(telemetry.close);
  }
  startupNotices.push(...budget.monitor.update().notices.map(warning));
  const files = new FileAttacher({
    maxBytes: config.settings.files.maxBytes,
    priceTable,
    estimator,
    mode: choice.mode,
  });
  let closed = false;
  return {
    files,
    budget: budget.monitor,
    budgetBadge: () => budgetBadge(budget.monitor.state()),
    mode: choice.mode,
    session,
    tracker,
    priceTable,
    startedAtMs,
    startupNotices,
    resumed: resume.conversation,
    recorder,
    conversations: recorder
      ? new ConversationSwitcher({ file: resolvePaths(env).conversationsFile, session, recorder })
      : null,
    startRecording: openStores,
    async close() {
      if (closed) return;
      closed = true;
      for (const close of closers.reverse()) await close();
    },
  };
}

/**
 * Opens the usage ledger and the conversation store; returns the warnings to show. When both
 * fail (an unusable data folder, most often) the ledger's warning says it for both.
 */
function openRecordingStores(
  openLedger: () => readonly string[],
  recorder: ConversationRecorder | null,
): readonly string[] {
  const ledgerWarnings = openLedger();
  const problem = recorder?.open() ?? null;
  if (problem === null) return ledgerWarnings;
  if (ledgerWarnings.length === 0) return [problem];
  return ledgerWarnings.map((text) => `${text} Conversations are not saved either.`);
}
