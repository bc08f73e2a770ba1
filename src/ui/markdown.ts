/**
 * A small line-oriented Markdown renderer for replies: each source line becomes one display line,
 * so a streamed reply can move every finished line into Ink's `<Static>` while only the open
 * line stays live. Understands headings, bullet and numbered lists, block quotes, rules, fenced
 * code blocks (kept verbatim, fences shown) and inline bold, italic and code. Pure data: the view
 * is `components/markdown-line.tsx`.
 */

/** How a piece of inline text is styled. */
export type SpanStyle = 'plain' | 'bold' | 'italic' | 'code';

/** A run of text with one style. */
export interface Span {
  readonly text: string;
  readonly style: SpanStyle;
}

/** One display line of a rendered reply. */
export type MarkdownLine =
  | { readonly kind: 'heading'; readonly level: number; readonly spans: readonly Span[] }
  | { readonly kind: 'text'; readonly prefix: string; readonly spans: readonly Span[] }
  | { readonly kind: 'quote'; readonly spans: readonly Span[] }
  | { readonly kind: 'fence'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'rule' };

/** What carries from one line to the next: whether we are inside a fenced code block. */
export interface MarkdownState {
  /** The opening fence (```` ``` ```` or `~~~`, possibly longer) while inside a block, else null. */
  readonly fence: string | null;
}

/** How a rule line (`---`) is drawn. */
export const RULE_TEXT = '─'.repeat(24);

/** The mark in front of each block-quote line. */
export const QUOTE_MARK = '│ ';

/** The state at the start of a reply. */
export const INITIAL_MARKDOWN_STATE: MarkdownState = { fence: null };

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^(\s*)[-*+]\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;

/** Renders one source line (without its newline) given the state before it. */
export function renderMarkdownLine(
  line: string,
  state: MarkdownState,
): { line: MarkdownLine; state: MarkdownState } {
  const fence = FENCE.exec(line);
  if (state.fence !== null) {
    const closes =
      fence !== null &&
      fence[1]!.startsWith(state.fence) &&
      fence[1]![0] === state.fence[0] &&
      fence[2]!.trim() === '';
    return closes
      ? { line: { kind: 'fence', text: line.trim() }, state: INITIAL_MARKDOWN_STATE }
      : { line: { kind: 'code', text: line }, state };
  }
  if (fence !== null && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
    return { line: { kind: 'fence', text: line.trim() }, state: { fence: fence[1]! } };
  }
  return { line: renderProseLine(line), state };
}

function renderProseLine(line: string): MarkdownLine {
  const heading = HEADING.exec(line);
  if (heading)
    return { kind: 'heading', level: heading[1]!.length, spans: parseInline(heading[2]!) };
  if (RULE.test(line)) return { kind: 'rule' };
  const bullet = BULLET.exec(line);
  if (bullet) return { kind: 'text', prefix: `${bullet[1]}• `, spans: parseInline(bullet[2]!) };
  const ordered = ORDERED.exec(line);
  if (ordered) {
    return { kind: 'text', prefix: `${ordered[1]}${ordered[2]} `, spans: parseInline(ordered[3]!) };
  }
  const quote = QUOTE.exec(line);
  if (quote) return { kind: 'quote', spans: parseInline(quote[1]!) };
  return { kind: 'text', prefix: '', spans: parseInline(line) };
}

/** Renders many complete lines, threading the state through; returns the state after them. */
export function renderMarkdownLines(
  lines: readonly string[],
  state: MarkdownState,
): { lines: MarkdownLine[]; state: MarkdownState } {
  const out: MarkdownLine[] = [];
  let current = state;
  for (const source of lines) {
    const rendered = renderMarkdownLine(source, current);
    out.push(rendered.line);
    current = rendered.state;
  }
  return { lines: out, state: current };
}

const INLINE =
  /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\*\*(?=\S)([\s\S]*?\S)\*\*|__(?=\S)([\s\S]*?\S)__|\*(?=[^\s*])([^*]*?[^\s*])\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Splits inline Markdown into styled spans (code, bold, italic; links become `text <url>`). */
export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const start = match.index;
    if (start > last) pushSpan(spans, text.slice(last, start), 'plain');
    if (match[1] !== undefined) pushSpan(spans, match[2]!.trim() || match[2]!, 'code');
    else if (match[3] !== undefined) pushSpan(spans, match[3], 'bold');
    else if (match[4] !== undefined) pushSpan(spans, match[4], 'bold');
    else if (match[5] !== undefined) pushSpan(spans, match[5], 'italic');
    else pushSpan(spans, `${match[6]} <${match[7]}>`, 'plain');
    last = start + match[0].length;
  }
  if (last < text.length) pushSpan(spans, text.slice(last), 'plain');
  return spans;
}

function pushSpan(spans: Span[], text: string, style: SpanStyle): void {
  const previous = spans.at(-1);
  if (previous && previous.style === style) {
    spans[spans.length - 1] = { text: previous.text + text, style };
  } else {
    spans.push({ text, style });
  }
}

/** The plain text of a rendered line (what a screen reader or a test sees, without styling). */
export function markdownLineText(line: MarkdownLine): string {
  switch (line.kind) {
    case 'heading':
      return spansText(line.spans);
    case 'text':
      return line.prefix + spansText(line.spans);
    case 'quote':
      return QUOTE_MARK + spansText(line.spans);
    case 'fence':
    case 'code':
      return line.text;
    case 'rule':
      return RULE_TEXT;
    default: {
      const unreachable: never = line;
      return unreachable;
    }
  }
}

function spansText(spans: readonly Span[]): string {
  return spans.map((span) => span.text).join('');
}
