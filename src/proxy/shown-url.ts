/**
 * An upstream URL as it may be printed: a user name and password (`http://user:pass@host`) and
 * a query string (`?key=...`) can carry credentials, so each is replaced by `***`. Text that is
 * not a URL is shown as `<not a URL>`.
 */
export function shownUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '<not a URL>';
  }
  const userinfo = parsed.username !== '' || parsed.password !== '' ? '***@' : '';
  const query = parsed.search !== '' ? '?***' : '';
  const path = parsed.pathname === '/' && !url.replace(/[?#].*$/, '').endsWith('/') ? '' : parsed.pathname;
  return `${parsed.protocol}//${userinfo}${parsed.host}${path}${query}`;
}
