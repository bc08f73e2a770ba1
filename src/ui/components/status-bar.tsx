import { Box, Text } from 'ink';
import {
  type CostDisplay,
  formatCost,
  formatPercent,
  formatTokens,
  markEstimated,
} from '../../reports/text/format';
import { PLAIN_MOCK_MODEL } from '../../core/usage/types';
import type { StatusFigures } from '../status';
import { tint, useTheme } from '../theme';

/** Props of `StatusBar`: the figures plus the width to fit in. */
export interface StatusBarProps {
  readonly figures: StatusFigures;
  /** Columns available; segments of lower priority are dropped to fit. */
  readonly width: number;
}

interface Segment {
  readonly text: string;
  /** Lower numbers are kept first when space runs out. */
  readonly priority: number;
  readonly color?: string;
}

const BUDGET_COLOR = { ok: 'green', warn: 'yellow', alert: 'magenta', over: 'red' } as const;

/** Builds the bar's segments from the figures (exported for tests of the text alone). */
export function statusSegments(f: StatusFigures): Segment[] {
  const session = { estimated: f.estimating || f.sessionEstimated === true };
  const last = { estimated: f.estimating || f.lastEstimated === true };
  const segments: Segment[] = [];
  if (f.mock) segments.push({ text: 'MOCK', priority: 0, color: 'yellow' });
  segments.push({ text: `${f.provider}/${f.model}`, priority: 0 });
  if (f.contextWindowTokens !== null) {
    const percent = formatPercent(f.contextTokens ?? 0, f.contextWindowTokens);
    const estimated = f.estimating && f.contextTokens !== null;
    segments.push({ text: `ctx ${markEstimated(percent, estimated)}`, priority: 3 });
  }
  const tokens = (count: number) => markEstimated(formatTokens(count), session.estimated);
  segments.push({ text: `in ${tokens(f.inputTokens)} out ${tokens(f.outputTokens)}`, priority: 2 });
  // Mock mode: `sim $x` (`sim ≥$x` when a simulated model had no price), `sim unpriced` when
  // only unpriced models were simulated, `$0` for the plain mock model.
  const simulated = (pico: bigint | null, display: CostDisplay, unpriced: boolean) => {
    if (pico === null) return unpriced ? 'sim unpriced' : '$0';
    return `sim ${formatCost(pico, { ...display, partial: unpriced })}`;
  };
  const sessionCost = f.mock
    ? simulated(f.sessionSimulatedPicoUsd, session, f.simulationPartial === true)
    : formatCost(f.sessionCostPicoUsd, { ...session, partial: f.partlyUnpriced });
  segments.push({ text: `session ${sessionCost}`, priority: 1 });
  if (f.lastCostPicoUsd !== undefined) {
    const lastCost = f.mock
      ? simulated(f.lastSimulatedPicoUsd, last, f.lastSimulationUnpriced === true)
      : formatCost(f.lastCostPicoUsd, last);
    segments.push({ text: `last ${lastCost}`, priority: 4 });
  } else if (f.estimating) {
    segments.push({ text: 'last …', priority: 4 });
  }
  const next = f.nextTurn;
  if (next && next.promptTokens > 0) {
    // The least the next turn costs: what resending the conversation costs before any reply.
    const display = { estimated: next.estimated, partial: true };
    const cost =
      f.mock && next.costPicoUsd !== null
        ? `sim ${formatCost(next.costPicoUsd, display)}`
        : f.mock
          ? simulated(null, display, f.model !== PLAIN_MOCK_MODEL)
          : formatCost(next.costPicoUsd, display);
    segments.push({ text: `next ${cost}`, priority: 2 });
  }
  if (f.budget) {
    // The level in words too: colour alone is lost with --no-color and to colour-blind eyes.
    // A budget that needs attention outranks the session cost on a narrow terminal.
    const { state, text } = f.budget;
    const shown = state === 'ok' ? text : `${text} ${state}`;
    segments.push({ text: shown, priority: state === 'ok' ? 1 : 0, color: BUDGET_COLOR[state] });
  }
  return segments;
}

// ASCII, like every mark in the first frame (see input-line.tsx).
const SEPARATOR = ' | ';

/** Drops the lowest-priority segments until the line fits in `width` columns. */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
  let kept = [...segments];
  const length = (list: readonly Segment[]) =>
    list.reduce((sum, s) => sum + s.text.length, 0) +
    SEPARATOR.length * Math.max(0, list.length - 1);
  while (kept.length > 1 && length(kept) > width) {
    const worst = Math.max(...kept.map((s) => s.priority));
    const index = kept.findLastIndex((s) => s.priority === worst);
    kept = kept.filter((_, i) => i !== index);
  }
  return kept;
}

/**
 * The one-line status bar under the prompt: `MOCK`, provider/model, context used, session
 * tokens in/out, session cost, what the next turn costs at least, last turn cost, budget. `~`
 * marks estimates while streaming.
 */
export function StatusBar({ figures, width }: StatusBarProps) {
  const theme = useTheme();
  const segments = fitSegments(statusSegments(figures), width);
  return (
    <Box>
      <Text dimColor={!theme.color} wrap="truncate-end">
        {segments.map((segment, index) => (
          <Text key={segment.text.slice(0, 4) + String(index)}>
            {index > 0 ? <Text dimColor>{SEPARATOR}</Text> : null}
            <Text
              color={segment.color ? tint(theme, segment.color) : undefined}
              inverse={segment.text === 'MOCK'}
            >
              {segment.text}
            </Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
