import { sanitizeTerminalLine } from './terminal-text';

/** A control character (C0 with line feed and tab, DEL, C1) or a bidi override. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/**
 * Why `id` cannot be a model id, or null when it can: model ids are plain text, without control
 * characters, line breaks or bidi overrides (which could drive the terminal or split the usage
 * line wherever the id is shown later). The message shows the id with its controls made visible.
 */
export function modelIdProblem(id: string): string | null {
  const bad = UNSAFE.exec(id);
  if (!bad) return null;
  const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `model id "${sanitizeTerminalLine(id)}" contains a control character (U+${code}); use a plain id such as gpt-5-mini.`;
}

/** A provider chatmeter can talk to. An OpenAI-compatible server is `openai`. */
export type ProviderId = 'openai' | 'anthropic' | 'mock';

/** A provider reached over the network with an API key (everything but the mock). */
export type RealProviderId = Exclude<ProviderId, 'mock'>;

/**
 * The provider a model id belongs to (DESIGN §2): `gpt-*`, `o1*`, `o3*`, `o4*`, `chatgpt-*` are
 * OpenAI's, `claude-*` Anthropic's; anything else needs `--provider` (null). A provider prefix
 * (`openai/gpt-5`, `anthropic/claude-...`) is honoured.
 */
export function inferProvider(modelId: string): RealProviderId | null {
  const id = modelId.trim().toLowerCase();
  if (id.startsWith('openai/')) return 'openai';
  if (id.startsWith('anthropic/')) return 'anthropic';
  if (/^(gpt-|o1|o3|o4|chatgpt-)/.test(id)) return 'openai';
  if (id.startsWith('claude-')) return 'anthropic';
  return null;
}
