/** An example base URL for messages (an OpenAI-compatible server on this machine). */
export const BASE_URL_EXAMPLE = 'http://127.0.0.1:11434/v1';

/** True when `text` (trimmed) is an absolute `http:` or `https:` URL. */
export function isHttpUrl(text: string): boolean {
  const trimmed = text.trim();
  if (!URL.canParse(trimmed)) return false;
  const { protocol } = new URL(trimmed);
  return protocol === 'http:' || protocol === 'https:';
}
