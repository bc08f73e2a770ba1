import type { TokenEstimator } from '../tokens/estimate';
import { inputTokensCostPicoUsd } from '../pricing/input-cost';
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
  async attachFile(path: string, model: string): Promise<AttachmentPreview> {
    return this.attach(readAttachment(path, this.maxBytes, this.#options.cwd), model);
  }

  /** Attaches a file already read and checked, and returns what it adds. */
  async attach(attachment: Attachment, model: string): Promise<AttachmentPreview> {
    const { estimator, priceTable, mode } = this.#options;
    const tokens = (await estimator()).countTokens(`${fileBlock(attachment)}\n\n`);
    this.#pending = [...this.#pending, attachment];
    return {
      attachment,
      tokens,
      model,
      costPicoUsd: inputTokensCostPicoUsd(priceTable, model, tokens),
      simulated: mode === 'mock',
    };
  }

  /** The attached files, handed over once for the message being sent (none wait afterwards). */
  take(): Attachment[] {
    const taken = this.#pending;
    this.#pending = [];
    return taken;
  }
}
