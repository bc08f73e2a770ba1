import { contextTokensOf, shortId } from '../../core/conversations/resume';
import type { Conversation, ConversationSummary, SavedMessage } from '../../core/conversations/types';
import { savedMessageLine, splitMessage } from '../../core/files/attachment';
import { sanitizeTerminalLine } from '../../core/terminal-text';
import { cutKindOf, cutMark } from '../../core/usage/stop-reason';
import { exactUsdOrNull, formatCost, formatCount, formatTokens } from '../text/format';
import { renderTextTable } from '../text/grid';
import { displayWidth } from '../text/paint';
import { formatStamp } from './sessions';

/**
 * The first message as one line of at most `length` characters, `...` marking a cut; attached
 * files by name after the text, as the chat showed it.
 */
function firstLine(text: string, length: number): string {
  const line = sanitizeTerminalLine(savedMessageLine(text).replace(/\s+/g, ' ').trim());
  return line.length > length ? `${line.slice(0, Math.max(1, length - 3))}...` : line;
}

/** `1 turn`, `12 turns`. */
function turnCount(turns: number): string {
  return turns === 1 ? '1 turn' : `${formatCount(turns)} turns`;
}

/** A mock cost: `sim $x` for a simulated priced model, else `$0 (mock)`. */
function mockCost(simulatedPicoUsd: bigint | null): string {
  return simulatedPicoUsd === null ? '$0 (mock)' : `sim ${formatCost(simulatedPicoUsd)}`;
}

/**
 * A conversation's cost for display: `$0.0123`; `≥$x` when some replies had no price, `unpriced`
 * when none had one; mock: `sim $x` for a simulated priced model, else `$0 (mock)`.
 */
export function conversationCost(summary: ConversationSummary): string {
  if (summary.mode === 'mock') return mockCost(summary.simulatedCostPicoUsd);
  if (summary.turns > 0 && summary.unpricedTurns === summary.turns) return 'unpriced';
  return formatCost(summary.costPicoUsd, { partial: summary.unpricedTurns > 0 });
}

/** The line that says what was resumed: id, turns, tokens of context, the model it goes on with. */
export function resumedNotice(conversation: Conversation, model: string): string {
  const turns = turnCount(conversation.turns);
  const tokens = formatCount(contextTokensOf(conversation));
  const switched = model === conversation.model ? '' : ` (it was on ${conversation.model})`;
  return `Resumed conversation ${shortId(conversation.id)}: ${turns}, ${tokens} tokens of context, on ${model}${switched}.`;
}

/** Options of {@link renderConversationList}. */
export interface ConversationListOptions {
  /** Terminal width the first-message column is cut to fit. */
  readonly width?: number;
  /** Number the rows from 1 (`/resume N` picks one). */
  readonly numbered?: boolean;
  /** The line under the table saying how to go on. */
  readonly hint?: string;
}

/**
 * `conversations list` as an aligned table: id (its first 8 characters, enough to resume it),
 * last update, model, turns, cost and the start of the first message, cut to fit the width.
 */
export function renderConversationList(
  summaries: readonly ConversationSummary[],
  options: ConversationListOptions = {},
): string {
  if (summaries.length === 0) {
    return 'No saved conversations yet. Every chat is saved unless --no-save is given.\n';
  }
  const numbered = options.numbered === true;
  const rows = summaries.map((s, index) => [
    ...(numbered ? [String(index + 1)] : []),
    shortId(s.id),
    formatStamp(s.updatedAtMs, false),
    s.model,
    formatCount(s.turns),
    conversationCost(s),
  ]);
  const headers = [...(numbered ? ['#'] : []), 'id', 'updated', 'model', 'turns', 'cost'];
  // The columns before the first message, each as wide as its widest cell or header, and gaps.
  const columnWidth = (header: string, i: number) =>
    Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[i]!)));
  const fixed = headers.reduce((sum, header, i) => sum + columnWidth(header, i) + 2, 0);
  const width = options.width ?? 100;
  const room = Math.max(20, width - fixed);
  const grid = {
    headers: [...headers, 'first message'],
    align: [...(numbered ? ['right' as const] : []), ...COLUMN_ALIGN],
    rows: rows.map((row, index) => [...row, firstLine(summaries[index]!.firstMessage, room)]),
  };
  const table = renderTextTable(grid);
  const fits = table.split('\n').every((line) => displayWidth(line) <= width);
  const hint =
    options.hint ??
    'Continue one with chatmeter --resume <id>; print it with chatmeter conversations show <id>.';
  return `${fits ? table : stackedList(summaries, numbered, width)}\n${hint}\n`;
}

/**
 * The list for a narrow terminal: per conversation one line of id, model, turns and cost, and
 * an indented one of its last update and the start of its first message.
 */
function stackedList(
  summaries: readonly ConversationSummary[],
  numbered: boolean,
  width: number,
): string {
  const indent = numbered ? ' '.repeat(String(summaries.length).length + 2) : '  ';
  const lines = summaries.flatMap((s, index) => {
    const model = sanitizeTerminalLine(s.model);
    const head = [shortId(s.id), model, turnCount(s.turns), conversationCost(s)];
    const stamp = formatStamp(s.updatedAtMs, false);
    const room = Math.max(10, width - indent.length - stamp.length - 2);
    return [
      [...(numbered ? [String(index + 1).padStart(indent.length - 2)] : []), ...head].join('  '),
      `${indent}${stamp}  ${firstLine(s.firstMessage, room)}`,
    ];
  });
  return `${lines.join('\n')}\n`;
}

const COLUMN_ALIGN = ['left', 'left', 'left', 'right', 'right', 'left'] as const;

/** `conversations list --json`: one object per conversation, costs as exact decimal strings. */
export function conversationListJson(summaries: readonly ConversationSummary[]): object[] {
  return summaries.map((s) => ({
    id: s.id,
    createdAt: new Date(s.createdAtMs).toISOString(),
    updatedAt: new Date(s.updatedAtMs).toISOString(),
    mode: s.mode,
    provider: s.provider,
    model: s.model,
    turns: s.turns,
    costUsd: exactUsdOrNull(s.costPicoUsd),
    unpricedTurns: s.unpricedTurns,
    simulatedCostUsd: exactUsdOrNull(s.simulatedCostPicoUsd),
    firstMessage: s.firstMessage,
  }));
}

function header(conversation: Conversation): string {
  const started = formatStamp(conversation.createdAtMs, false);
  return `Conversation ${conversation.id} · ${started} · ${conversation.model} · ${turnCount(conversation.turns)} · ${conversationCost(conversation)}`;
}

/**
 * The dim figures under a reply: model, tokens, cost (simulated when the mock provider made the
 * reply: a conversation may mix mock and real turns), and how its call ended when not ok.
 */
function replyFigures(message: SavedMessage): string {
  const cost =
    message.provider === 'mock'
      ? mockCost(message.simulatedCostPicoUsd)
      : formatCost(message.costPicoUsd);
  const parts = [
    message.model,
    `in ${formatTokens(message.promptTokens ?? 0)}`,
    `out ${formatTokens(message.outputTokens ?? 0)}`,
    cost,
    ...(message.outcome && message.outcome !== 'ok' ? [message.outcome] : []),
    ...[cutMark(message.stopReason)].filter((mark) => mark !== null),
  ];
  return parts.join(' · ');
}

/**
 * `conversations show`: a header line, then each message under `you:` or the model that replied,
 * with the reply's figures. Text is shown as stored, controls made visible by the caller.
 */
export function renderConversation(conversation: Conversation): string {
  const blocks = conversation.messages.map((m) =>
    m.role === 'user'
      ? `> you\n${m.content}`
      : `> ${m.model}\n${m.content}\n(${replyFigures(m)})`,
  );
  const system = conversation.system ? [`> system\n${conversation.system}`] : [];
  return `${sanitizeTerminalLine(header(conversation))}\n\n${[...system, ...blocks].join('\n\n')}\n`;
}

/**
 * A user message as markdown: each attached file in a fenced block under its name (the fence
 * longer than any run of backticks in the file), then the text typed.
 */
function userMarkdown(content: string): string {
  const { files, text } = splitMessage(content);
  const blocks = files.map((file) => {
    const runs = [...file.text.matchAll(/`+/g)].map((run) => run[0].length);
    const fence = '`'.repeat(Math.max(2, ...runs) + 1);
    return `Attached \`${file.name}\`:\n\n${fence}\n${file.text}${fence}`;
  });
  return [...blocks, ...(text === '' ? [] : [text])].join('\n\n');
}

/** `conversations export --format markdown`: a heading, then one section per message. */
export function conversationMarkdown(conversation: Conversation): string {
  const sections = conversation.messages.map((m) =>
    m.role === 'user'
      ? `## You\n\n${userMarkdown(m.content)}`
      : `## ${m.model}\n\n${m.content}\n\n_${replyFigures(m)}_`,
  );
  const system = conversation.system ? [`## System\n\n${conversation.system}`] : [];
  const title = `# Conversation ${shortId(conversation.id)}\n\n${header(conversation)}`;
  return `${[title, ...system, ...sections].join('\n\n')}\n`;
}

/** `conversations export --format json`: the conversation and every message, exact costs. */
export function conversationJson(conversation: Conversation): object {
  const [summary] = conversationListJson([conversation]);
  return {
    ...summary,
    system: conversation.system,
    messages: conversation.messages.map((m) => ({
      role: m.role,
      content: m.content,
      provider: m.provider,
      model: m.model,
      createdAt: new Date(m.createdAtMs).toISOString(),
      sessionId: m.sessionId,
      callId: m.callId,
      ...(m.role === 'assistant'
        ? {
            promptTokens: m.promptTokens,
            outputTokens: m.outputTokens,
            costUsd: exactUsdOrNull(m.costPicoUsd),
            simulatedCostUsd: exactUsdOrNull(m.simulatedCostPicoUsd),
            outcome: m.outcome,
            stopReason: m.stopReason,
            cut: cutKindOf(m.stopReason),
          }
        : {}),
    })),
  };
}
