import { renderUsageTable } from '../reports/usage-table';
import type { SlashCommand } from './types';

/** `/usage` (aliases `/cost`, `/stats`): this session's per-model table so far. */
export const usageCommand: SlashCommand = {
  name: 'usage',
  aliases: ['cost', 'stats'],
  args: '',
  summary: "this session's usage and cost per model",
  run: (_args, context) => {
    const snapshot = context.usage.snapshot();
    const table = renderUsageTable(snapshot, { color: context.color, width: context.width });
    const note =
      snapshot.mode === 'mock' && snapshot.models.length > 0
        ? '\nMock session: no real cost (sim = what the simulated model would have cost).'
        : '';
    return { kind: 'text', text: `${table}${note}` };
  },
};
