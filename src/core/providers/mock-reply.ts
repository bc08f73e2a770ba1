/**
 * Deterministic mock replies: the same prompt always gives the same reply, readable text with
 * some markdown (a list and a fenced code block). `/long N` asks for a reply of about N tokens.
 */

/** A prompt of the form `/long N` asks the mock for a long reply of about N tokens. */
export const LONG_REPLY_PATTERN = /^\/long\s+(\d{1,7})\s*$/;

const OPENINGS = [
  'Here is a mock answer, written offline by chatmeter.',
  'Mock mode reply: nothing left this machine, yet every token below is counted.',
  'This reply comes from the mock provider, so it costs nothing.',
  'A simulated answer follows; the token counts come from a real tokenizer.',
];

const TIPS = [
  'Set `OPENAI_API_KEY` or `ANTHROPIC_API_KEY` to talk to a real model.',
  'In the chat, `/usage` shows what the session has cost so far.',
  'Pick a model with `--model` (or `/model` in the chat) to see what it would have cost.',
  'Pass `--json` with `-p` to get one machine-readable object per call.',
];

const LANGUAGES = [
  { name: 'ts', comment: '//', code: (s: string) => `console.log(${s}.split(' ').length);` },
  { name: 'python', comment: '#', code: (s: string) => `print(len(${s}.split(' ')))` },
  { name: 'sh', comment: '#', code: (s: string) => `echo ${s} | wc -w` },
];

const LONG_WORDS = [
  'tokens',
  'meter',
  'stream',
  'prompt',
  'cache',
  'reply',
  'model',
  'budget',
  'ledger',
  'output',
  'input',
  'session',
  'latency',
  'exact',
  'count',
  'price',
];

/** FNV-1a hash of a string: picks the variant of a reply, the same for the same prompt. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function pick<T>(items: readonly T[], hash: number, salt: number): T {
  return items[(hash >>> salt) % items.length]!;
}

/** At most `length` characters of `text`, `...` marking a cut. */
function clip(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 3)}...` : text;
}

/**
 * The mock's reply to a prompt: a short paragraph, a list and a code block about the prompt.
 * With earlier turns in the request it says how many, so a resumed conversation shows that the
 * history was sent.
 */
export function mockReplyFor(prompt: string, earlierTurns = 0): string {
  const text = prompt.replace(/\s+/g, ' ').trim();
  const hash = hashText(text);
  const words = text.length === 0 ? [] : text.split(' ');
  const quoted = clip(text);
  const language = pick(LANGUAGES, hash, 3);
  const literal = JSON.stringify(clip(words.slice(0, 6).join(' '), 200));
  return [
    pick(OPENINGS, hash, 0),
    '',
    `You wrote **${words.length} word${words.length === 1 ? '' : 's'}**: "${quoted}".`,
    '',
    `- characters: ${text.length}`,
    `- first word: \`${clip(words[0] ?? '(none)')}\``,
    `- tip: ${pick(TIPS, hash, 7)}`,
    ...(earlierTurns > 0
      ? [`- earlier turns in this conversation: ${earlierTurns}`]
      : []),
    '',
    `\`\`\`${language.name}`,
    `${language.comment} count the words of your message`,
    language.code(literal),
    '```',
    '',
    `That is ${words.length % 2 === 0 ? 'all' : 'it'} for now.`,
  ].join('\n');
}

/**
 * A long reply of about `targetTokens` tokens (within a few tokens), counted with `countTokens`:
 * paragraphs of twelve meter-flavoured words, for tests and benchmarks.
 */
export function longReply(targetTokens: number, countTokens: (text: string) => number): string {
  const parts: string[] = [];
  let tokens = 0;
  let i = 0;
  while (tokens < targetTokens) {
    const word = LONG_WORDS[(i * 7 + Math.floor(i / 16)) % LONG_WORDS.length]!;
    const first = i % 12 === 0;
    const text = first ? `${word[0]!.toUpperCase()}${word.slice(1)}` : ` ${word}`;
    const piece = i % 12 === 11 ? `${text}.\n\n` : text;
    const pieceTokens = countTokens(piece);
    if (tokens + pieceTokens > targetTokens && tokens > 0) break;
    parts.push(piece);
    tokens += pieceTokens;
    i++;
  }
  return parts.join('');
}

/** Splits a reply into stream chunks of about two words each (whitespace kept). */
export function chunkReply(reply: string): string[] {
  const words = reply.match(/\S+\s*|\s+/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += 2) chunks.push(words.slice(i, i + 2).join(''));
  return chunks;
}
