/** Options of the chat (interactive and one-shot), as parsed from the command line (DESIGN §2). */
export interface ChatOptions {
  /** `-p, --print <text>`: one-shot prompt. */
  readonly print?: string;
  /** `-f, --file <path>` (repeatable): text files attached to the (first) message. */
  readonly file?: readonly string[];
  readonly model?: string;
  readonly provider?: 'openai' | 'anthropic' | 'mock';
  readonly baseUrl?: string;
  readonly mock?: boolean;
  readonly system?: string;
  readonly maxTokens?: number;
  /** `--timeout`: seconds without a byte from the provider before a call fails. */
  readonly timeout?: number;
  readonly api?: 'chat' | 'responses';
  /** `--service-tier`: OpenAI's processing tier to ask for. */
  readonly serviceTier?: 'auto' | 'default' | 'flex' | 'priority';
  /** `--cache`: prompt caching TTL, or off. */
  readonly cache?: '5m' | '1h' | 'off';
  /** False with `--no-stream`. */
  readonly stream: boolean;
  /** `--pricing <file>`: extra or overriding prices. */
  readonly pricing?: string;
  /** `--budget <usd>`: this session's budget, a decimal string. */
  readonly budget?: string;
  readonly json?: boolean;
  /** False with `--no-ledger`. */
  readonly ledger: boolean;
  /** False with `--no-color` (or when NO_COLOR is set). */
  readonly color: boolean;
  /** `-c, --continue`: continue the latest saved conversation. */
  readonly continue?: boolean;
  /** `--resume <id>`: continue the saved conversation with this id (or a unique prefix). */
  readonly resume?: string;
  /** False with `--no-save`: no conversation is saved. */
  readonly save?: boolean;
}

/** Options of `chatmeter cost`. */
export interface CostOptions {
  /** The model to price; absent: the one the response body names. */
  readonly model?: string;
  readonly provider?: string;
  readonly usage?: string;
  readonly usageFile?: string;
  readonly pricing?: string;
  readonly json?: boolean;
  /** `--service-tier`: price at this service tier's rates (flex, priority, batch...). */
  readonly serviceTier?: string;
  /** `--at DATE`: price at the rates in force then (`YYYY-MM-DD` or an ISO time). */
  readonly at?: string;
}

/** Options of `chatmeter models`. */
export interface ModelsOptions {
  readonly pricing?: string;
  readonly json?: boolean;
  /** Every priced model, not only the ones chatmeter offers. */
  readonly all?: boolean;
}

/** Options of `chatmeter models update`. */
export interface ModelsUpdateOptions {
  readonly url?: string;
  readonly file?: string;
  readonly dryRun?: boolean;
  /** How long the fetch may take, ms (default 10 s; tests shorten it). */
  readonly timeoutMs?: number;
}

/** Report options shared by `chatmeter usage` and its subcommands (DESIGN §6). */
export interface UsageReportOptions {
  readonly since?: string;
  readonly until?: string;
  readonly period?: string;
  readonly by?: string;
  readonly format?: string;
  readonly output?: string;
  readonly includeMock?: boolean;
  readonly utc?: boolean;
  readonly failOver?: string;
  /** `usage sessions --top N` (a positive integer). */
  readonly top?: number;
  /** `usage sessions --all`: every session, where a table would show the top 20. */
  readonly all?: boolean;
  readonly pricing?: string;
}

/** `chatmeter usage [sessions|show <id>|cache]`. */
export interface UsageCommand {
  readonly subcommand: 'report' | 'sessions' | 'show' | 'cache';
  /** `usage show <session-id|last>`. */
  readonly sessionRef?: string;
  readonly options: UsageReportOptions;
}

/** `chatmeter config get|set|unset|list|path`. */
export interface ConfigCommand {
  readonly action: 'get' | 'set' | 'unset' | 'list' | 'path';
  readonly key?: string;
  readonly value?: string;
}

/** `chatmeter conversations list|show|rm|export`. */
export interface ConversationsCommand {
  readonly action: 'list' | 'show' | 'rm' | 'export';
  /** The conversation id (or a unique prefix) of `show`, `rm` and `export`. */
  readonly id?: string;
  /** `export --format`: `markdown` or `json`. */
  readonly format?: string;
  /** `list --json`: one JSON array for scripts. */
  readonly json?: boolean;
  /** `list --limit N`. */
  readonly limit?: number;
}
