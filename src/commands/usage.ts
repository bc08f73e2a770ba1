import { renderSummaryNotes } from '../reports/session/summary';
import { nextTurnLine } from '../reports/session/next-turn-line';
import { renderUsageTable } from '../reports/session/model-table';
import type { SlashCommand } from './types';

/**
 * `/usage` (aliases `/cost`, `/stats`): this session's per-model table so far, with the notes the
 * exit summary will carry (cache savings, unpriced models, estimates, mock mode), and what the
 * next message costs at least.
 */
export const usageCommand: SlashCommand = {
  name: 'usage',
  aliases: ['cost', 'stats'],
  args: '',
  summary: "this session's usage and cost per model",
  run: (_args, context) => {
    const snapshot = context.usage.snapshot();
    const options = { color: context.color, width: context.width };
    const table = renderUsageTable(snapshot, options);
    const notes = snapshot.models.length > 0 ? renderSummaryNotes(snapshot, options) : [];
    const next = context.session.nextTurn?.() ?? null;
    const nextLine = next ? [nextTurnLine(next, context.mode === 'mock', context.session.model)] : [];
    return { kind: 'text', text: [table, ...notes, ...nextLine].join('\n') };
  },
};
