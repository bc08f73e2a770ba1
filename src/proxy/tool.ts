/** Known clients, told by their `User-Agent`, first match wins. */
const KNOWN_TOOLS: readonly (readonly [RegExp, string])[] = [
  [/^claude-cli\//i, 'claude-cli'],
  [/codex/i, 'codex'],
  [/aider/i, 'aider'],
  [/^OpenAI\/Python\b/i, 'openai-python'],
  [/^OpenAI\/JS\b/i, 'openai-node'],
  [/^AsyncOpenAI\/Python\b/i, 'openai-python'],
  [/^Anthropic\/Python\b/i, 'anthropic-python'],
  [/^Anthropic\/JS\b/i, 'anthropic-node'],
  [/^curl\//i, 'curl'],
  // Cursor's Electron agent: `Mozilla/5.0 (...) Cursor/1.7.44 Chrome/... Electron/...`.
  [/\bCursor\//i, 'cursor'],
];

/** The longest tool name kept (a longer product token is cut). */
const MAX_TOOL_LENGTH = 40;

/**
 * The calling tool of a request: `tag` when given (`--tag`), else a known client told by its
 * `User-Agent` (`claude-cli`, `codex`, `aider`, `openai-python`, `openai-node`,
 * `anthropic-python`, `anthropic-node`, `curl`, `cursor`), else the agent's first product name in lower
 * case (`python-httpx`), else `unknown`.
 */
export function toolOf(userAgent: string | undefined, tag?: string): string {
  if (tag) return tag;
  const agent = userAgent?.trim() ?? '';
  for (const [pattern, tool] of KNOWN_TOOLS) if (pattern.test(agent)) return tool;
  const product = /^[A-Za-z0-9._-]+/.exec(agent)?.[0];
  return product ? product.toLowerCase().slice(0, MAX_TOOL_LENGTH) : 'unknown';
}
