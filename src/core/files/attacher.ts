import type { TokenEstimator } from '../tokens/estimate';
import { cachedTokensCostPicoUsd, inputTokensCostPicoUsd } from '../pricing/input-cost';
import { cacheRulesFor, type CacheRules, marksPrompt } from '../providers/cache-rules';
import type { CacheTtl } from '../providers/types';
import type { PriceTable } from '../pricing/types';
import { type Attachment, fileBlock, readAttachment } from './attachment';

/** What attaching a file adds to each turn that sends it, worked out before it is sent. */
export interface AttachmentPreview {
  readonly attachment: Attachment;
  /** Tokens the file adds to the prompt as sent (its block included), counted with o200k. */
  readonly tokens: number;
  /** The model the figures are for. */
  readonly model: string;
  /**
   * Those tokens at the model's input rate, pico-USD, for this turn and again for every later
   * turn that resends the conversation; null when the model has no price. In mock mode this is
   * what the simulated model would charge.
   */
  readonly costPicoUsd: bigint | null;
  /** Mock mode: the cost is simulated, never charged. */
  readonly simulated: boolean;
  /**
   * The same file was already attached to this message: it was not added again (it is sent
   * once) and the figures are what that one copy adds.
   */
  readonly alreadyAttached?: boolean;
  /**
   * When the prompt carrying the file will be cached (Anthropic breakpoints, caching on, the
   * prompt at or above the model's minimum): the file's tokens written to the cache on the turn
   * that sends it and read from it on each later turn while warm, pico-USD. Absent otherwise
   * (and for an unpriced model): then `costPicoUsd` applies to every turn.
   */
  readonly cached?: {
    readonly ttl: CacheTtl;
    readonly writePicoUsd: bigint;
    readonly readPicoUsd: bigint;
  };
}

/** How the prompt that carries attached files is cached. */
export interface AttachmentCaching {
  /** The provider's cache rules for the model (see `cacheRulesFor`). */
  readonly rules: CacheRules;
  /** `--cache`: the TTL asked for, or `off`. */
  readonly cache: CacheTtl | 'off';
  /** Tokens the prompt holds besides the file (the conversation so far), as far as known. */
  readonly promptTokens: number;
}

/**
 * The caching of the next prompt of a chat session (`ChatSession` fits): its provider's rules
 * for its model, its `--cache` setting (none given: off) and the conversation so far (0 while
 * it is being counted).
 */
export function attachmentCaching(session: {
  readonly providerId: string;
  readonly model: string;
  readonly cache?: CacheTtl | 'off';
  nextTurn?(): { readonly promptTokens: number } | null;
}): AttachmentCaching {
  return {
    rules: cacheRulesFor(session.providerId, session.model),
    cache: session.cache ?? 'off',
    promptTokens: session.nextTurn?.()?.promptTokens ?? 0,
  };
}

/** The TTL the file is cached with, or null when that prompt will not be cached at all. */
function cachedWith(caching: AttachmentCaching | undefined, tokens: number): CacheTtl | null {
  if (!caching) return null;
  const { rules, cache, promptTokens } = caching;
  return marksPrompt(rules, cache, promptTokens + tokens) ? cache : null;
}

/** What a {@link FileAttacher} works with; built once per chat. */
export interface FileAttacherOptions {
  /** Largest file accepted, bytes (config `files.maxBytes`). */
  readonly maxBytes: number;
  readonly priceTable: PriceTable;
  readonly estimator: () => Promise<TokenEstimator>;
  readonly mode: 'real' | 'mock';
  /** Where relative paths start (default: the working folder). */
  readonly cwd?: string;
}

/**
 * Holds the files attached to the next message (`/file`, `-f`): reads and checks each one,
 * tells what it adds to the prompt's cost before anything is sent, and hands them over once
 * when the message goes out.
 */
export class FileAttacher {
  /** Largest file accepted, bytes. */
  readonly maxBytes: number;
  readonly #options: FileAttacherOptions;
  #pending: Attachment[] = [];

  constructor(options: FileAttacherOptions) {
    this.#options = options;
    this.maxBytes = options.maxBytes;
  }

  /** The files waiting for the next message, in the order attached. */
  get pending(): readonly Attachment[] {
    return this.#pending;
  }

  /**
   * Reads, checks and attaches the file at `path` for the next message to `model`, and returns
   * what it adds. Throws AttachmentError (missing, unreadable, folder, too large, binary): then
   * nothing is attached.
   */
  async attachFile(
    path: string,
    model: string,
    caching?: AttachmentCaching,
  ): Promise<AttachmentPreview> {
    return this.attach(readAttachment(path, this.maxBytes, this.#options.cwd), model, caching);
  }

  /**
   * Attaches a file already read and checked, and returns what it adds; with `caching`, at the
   * cache rates when the prompt carrying it will be cached. The same file (by its real path)
   * twice is attached once: the second preview says `alreadyAttached`.
   */
  async attach(
    attachment: Attachment,
    model: string,
    caching?: AttachmentCaching,
  ): Promise<AttachmentPreview> {
    const { estimator, priceTable, mode } = this.#options;
    const tokens = (await estimator()).countTokens(`${fileBlock(attachment)}\n\n`);
    const { realPath } = attachment;
    const already =
      realPath !== undefined && this.#pending.some((file) => file.realPath === realPath);
    if (!already) this.#pending = [...this.#pending, attachment];
    const ttl = cachedWith(caching, tokens);
    const cached = ttl === null ? null : cachedTokensCostPicoUsd(priceTable, model, tokens, ttl);
    return {
      attachment,
      tokens,
      model,
      costPicoUsd: inputTokensCostPicoUsd(priceTable, model, tokens),
      simulated: mode === 'mock',
      ...(already ? { alreadyAttached: true } : {}),
      ...(ttl !== null && cached !== null ? { cached: { ttl, ...cached } } : {}),
    };
  }

  /** The attached files, handed over once for the message being sent (none wait afterwards). */
  take(): Attachment[] {
    const taken = this.#pending;
    this.#pending = [];
    return taken;
  }
}
