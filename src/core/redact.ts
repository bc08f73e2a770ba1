/**
 * Removes secrets from text that may be shown or logged: the given secrets (API keys) wherever
 * they appear, the value of any `Authorization` / `x-api-key` / `api-key` header or field
 * (`Bearer ...` included), and anything shaped like an API key, masked or not.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(HEADER_VALUE, (_match, name: string, separator: string) => `${name}${separator}[redacted]`)
    .replace(/\bBearer\s+[^\s'",;}\]]+/gi, 'Bearer [redacted]')
    .replace(/\b(sk|pk|key|xai)-[A-Za-z0-9*_-]{4,}/g, '[redacted key]');
}

/**
 * A credential header or field and its value: `authorization: 'Bearer x'`, `"x-api-key":"x"`,
 * `x-api-key=x`. The value ends at a space, quote, comma or closing bracket.
 */
const HEADER_VALUE =
  /\b((?:proxy-)?authorization|x-api-key|api-key|api_key|apikey)(['"]?\s*[:=]\s*['"]?)(?!\[redacted)(?:Bearer\s+)?[^\s'",;&}\]]+/gi;

/**
 * `text` (a URL, or what was meant as one) with its credentials hidden: the user info before `@`
 * and the query (where tokens go) become `***`. For every URL chatmeter prints.
 */
export function redactUrl(text: string): string {
  return text
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#\s]*@/i, '$1***@')
    .replace(/\?[^#\s]*/, '?***');
}

/** `text` with every http(s) URL in it redacted (see {@link redactUrl}). */
export function redactUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url));
}
